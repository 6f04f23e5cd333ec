/* upload.c - the register of uploaded spreadsheets: private files beside the database, by random id. */
#include "web/upload.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/secret.h"
#include "lib/xalloc.h"

struct upload_slot {
	char id[UPLOAD_ID_SIZE]; /* "" for a free slot */
	int64_t user;
	char ext[8];
	char *name;
	int64_t used;            /* monotonic seconds of the last use */
};

struct uploads {
	pthread_mutex_t lock;
	char *stem;              /* "DIR/jindu.db.upload-": an id and ext follow */
	int ttl;                 /* seconds */
	struct upload_slot slot[UPLOAD_MAX];
};

static int64_t now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

static void slot_path(const struct uploads *u, const struct upload_slot *s, struct buf *out)
{
	buf_reset(out);
	buf_addf(out, "%s%s%s", u->stem, s->id, s->ext);
}

/* Removes the slot's file and frees the slot; the lock is held. */
static void slot_clear(struct uploads *u, struct upload_slot *s)
{
	struct buf path = BUF_INIT;
	if (!s->id[0])
		return;
	slot_path(u, s, &path);
	if (unlink(path.buf) < 0 && errno != ENOENT)
		fprintf(stderr, "jindu: remove upload %s: %s\n", path.buf, strerror(errno));
	buf_release(&path);
	free(s->name);
	memset(s, 0, sizeof(*s));
}

/* Forgets what has not been used for u->ttl; the lock is held. */
static void sweep(struct uploads *u)
{
	int64_t now = now_seconds();
	int i;
	for (i = 0; i < UPLOAD_MAX; i++)
		if (u->slot[i].id[0] && now - u->slot[i].used >= u->ttl)
			slot_clear(u, &u->slot[i]);
}

/* Files of this database's earlier runs: a crash leaves them behind. */
static void remove_leftovers(const char *dir, const char *prefix)
{
	struct buf path = BUF_INIT;
	struct dirent *e;
	DIR *d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, strlen(prefix)))
			continue;
		buf_reset(&path);
		buf_addf(&path, "%s/%s", dir, e->d_name);
		unlink(path.buf);
	}
	closedir(d);
	buf_release(&path);
}

struct uploads *uploads_open(const char *db_path, int ttl, struct buf *err)
{
	struct uploads *u;
	struct buf dir = BUF_INIT, prefix = BUF_INIT, stem = BUF_INIT;
	const char *slash = strrchr(db_path, '/');

	if (slash)
		buf_add(&dir, db_path, slash == db_path ? 1 : (size_t)(slash - db_path));
	else
		buf_adds(&dir, ".");
	buf_addf(&prefix, "%s.upload-", slash ? slash + 1 : db_path);
	if (access(dir.buf, W_OK) < 0) {
		buf_setf(err, "uploads: cannot write to '%s': %s", dir.buf, strerror(errno));
		buf_release(&dir);
		buf_release(&prefix);
		return NULL;
	}
	remove_leftovers(dir.buf, prefix.buf);
	buf_addf(&stem, "%s%s%s", dir.buf, !strcmp(dir.buf, "/") ? "" : "/", prefix.buf);
	u = xcalloc(1, sizeof(*u));
	pthread_mutex_init(&u->lock, NULL);
	u->stem = buf_detach(&stem, NULL);
	u->ttl = ttl;
	buf_release(&dir);
	buf_release(&prefix);
	return u;
}

void uploads_close(struct uploads *u)
{
	int i;
	if (!u)
		return;
	for (i = 0; i < UPLOAD_MAX; i++)
		slot_clear(u, &u->slot[i]);
	pthread_mutex_destroy(&u->lock);
	free(u->stem);
	free(u);
}

static int write_all(const char *path, const void *data, size_t len, struct buf *err)
{
	const char *p = data;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		buf_setf(err, "create %s: %s", path, strerror(errno));
		return -1;
	}
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			buf_setf(err, "write %s: %s", path, n < 0 ? strerror(errno) : "nothing written");
			close(fd);
			unlink(path);
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	if (close(fd) < 0) {
		buf_setf(err, "write %s: %s", path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

/* A free slot for user, making room among the user's own; NULL when every
 * slot is taken by others. The lock is held. */
static struct upload_slot *free_slot(struct uploads *u, int64_t user)
{
	struct upload_slot *free_one = NULL, *oldest = NULL;
	int i, mine = 0;
	for (i = 0; i < UPLOAD_MAX; i++) {
		struct upload_slot *s = &u->slot[i];
		if (!s->id[0]) {
			free_one = free_one ? free_one : s;
		} else if (s->user == user) {
			mine++;
			if (!oldest || s->used < oldest->used)
				oldest = s;
		}
	}
	if (oldest && (mine >= UPLOAD_MAX_PER_USER || !free_one)) {
		slot_clear(u, oldest);
		return oldest;
	}
	return free_one;
}

int upload_save(struct uploads *u, int64_t user, const char *name, const char *ext,
		const void *data, size_t len, char id[UPLOAD_ID_SIZE], struct buf *err)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char raw[16];
	struct upload_slot tmp, *s;
	struct buf path = BUF_INIT;
	size_t i;
	int ret = -1;

	memset(&tmp, 0, sizeof(tmp));
	secret_random(raw, sizeof(raw));
	for (i = 0; i < sizeof(raw); i++) {
		tmp.id[2 * i] = hex[raw[i] >> 4];
		tmp.id[2 * i + 1] = hex[raw[i] & 15];
	}
	snprintf(tmp.ext, sizeof(tmp.ext), "%s", ext);
	/* Written before it is registered: no other request can see a file
	 * half written, and the lock is not held while writing. */
	slot_path(u, &tmp, &path);
	if (write_all(path.buf, data, len, err) < 0)
		goto out;
	pthread_mutex_lock(&u->lock);
	sweep(u);
	s = free_slot(u, user);
	if (s) {
		*s = tmp;
		s->user = user;
		s->name = xstrdup(name);
		s->used = now_seconds();
		memcpy(id, s->id, UPLOAD_ID_SIZE);
	}
	pthread_mutex_unlock(&u->lock);
	if (!s) {
		unlink(path.buf);
		buf_setf(err, "uploads: all %d places are taken", UPLOAD_MAX);
		goto out;
	}
	ret = 0;
out:
	buf_release(&path);
	return ret;
}

/* The slot of id, or NULL; the lock is held. */
static struct upload_slot *find(struct uploads *u, const char *id)
{
	int i;
	if (!id || strlen(id) != UPLOAD_ID_SIZE - 1 ||
	    strspn(id, "0123456789abcdef") != UPLOAD_ID_SIZE - 1)
		return NULL;
	for (i = 0; i < UPLOAD_MAX; i++)
		if (u->slot[i].id[0] && secret_equal(u->slot[i].id, id))
			return &u->slot[i];
	return NULL;
}

int upload_find(struct uploads *u, const char *id, int64_t user, struct arena *a,
		const char **path, const char **name)
{
	struct buf p = BUF_INIT;
	struct upload_slot *s;
	int ret = -1;

	pthread_mutex_lock(&u->lock);
	sweep(u);
	s = find(u, id);
	if (s && s->user == user) {
		s->used = now_seconds();
		slot_path(u, s, &p);
		*path = arena_strdup(a, p.buf);
		*name = arena_strdup(a, s->name);
		ret = 0;
	}
	pthread_mutex_unlock(&u->lock);
	buf_release(&p);
	return ret;
}

void uploads_sweep(struct uploads *u)
{
	pthread_mutex_lock(&u->lock);
	sweep(u);
	pthread_mutex_unlock(&u->lock);
}

void upload_remove(struct uploads *u, const char *id)
{
	struct upload_slot *s;
	pthread_mutex_lock(&u->lock);
	s = find(u, id);
	if (s)
		slot_clear(u, s);
	pthread_mutex_unlock(&u->lock);
}
