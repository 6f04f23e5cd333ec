/* secret.c - libsodium wrappers: key file, secretbox, BLAKE2b, argon2id, tokens. */
#include "secret.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KDF_CONTEXT "jindu-v1"

int secret_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

int keyring_create(const char *path, struct buf *err)
{
	unsigned char master[crypto_kdf_KEYBYTES];
	char hex[crypto_kdf_KEYBYTES * 2 + 2];
	int fd, ret = -1;
	size_t len;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		buf_setf(err, "cannot create key file '%s': %s", path, strerror(errno));
		return -1;
	}
	crypto_kdf_keygen(master);
	sodium_bin2hex(hex, sizeof(hex) - 1, master, sizeof(master));
	len = strlen(hex);
	hex[len++] = '\n';
	if (write(fd, hex, len) != (ssize_t)len || fsync(fd) < 0) {
		buf_setf(err, "cannot write key file '%s': %s", path, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	sodium_memzero(master, sizeof(master));
	sodium_memzero(hex, sizeof(hex));
	close(fd);
	if (ret < 0)
		unlink(path);
	return ret;
}

int keyring_load(const char *path, struct keyring *kr, struct buf *err)
{
	unsigned char master[crypto_kdf_KEYBYTES];
	char hex[crypto_kdf_KEYBYTES * 2 + 8];
	struct stat st;
	size_t bin_len = 0;
	ssize_t n;
	int fd, ret = -1;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		buf_setf(err, "cannot open key file '%s': %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || (st.st_mode & 077)) {
		buf_setf(err, "key file '%s' must be readable by its owner only (chmod 600)", path);
		goto out;
	}
	n = read(fd, hex, sizeof(hex) - 1);
	if (n < 0) {
		buf_setf(err, "cannot read key file '%s': %s", path, strerror(errno));
		goto out;
	}
	hex[n] = '\0';
	if (sodium_hex2bin(master, sizeof(master), hex, (size_t)n, " \r\n", &bin_len, NULL) < 0 ||
	    bin_len != sizeof(master)) {
		buf_setf(err, "key file '%s' is damaged", path);
		goto out;
	}
	crypto_kdf_derive_from_key(kr->enc, sizeof(kr->enc), 1, KDF_CONTEXT, master);
	crypto_kdf_derive_from_key(kr->index, sizeof(kr->index), 2, KDF_CONTEXT, master);
	crypto_kdf_derive_from_key(kr->audit, sizeof(kr->audit), 3, KDF_CONTEXT, master);
	crypto_kdf_derive_from_key(kr->token, sizeof(kr->token), 4, KDF_CONTEXT, master);
	ret = 0;
out:
	sodium_memzero(master, sizeof(master));
	sodium_memzero(hex, sizeof(hex));
	close(fd);
	return ret;
}

void keyring_wipe(struct keyring *kr)
{
	sodium_memzero(kr, sizeof(*kr));
}

void secret_seal(const struct keyring *kr, const void *plain, size_t len, struct buf *out)
{
	unsigned char nonce[crypto_secretbox_NONCEBYTES];
	size_t start = out->len;

	if (buf_grow(out, sizeof(nonce) + crypto_secretbox_MACBYTES + len) < 0)
		return;
	randombytes_buf(nonce, sizeof(nonce));
	memcpy(out->buf + start, nonce, sizeof(nonce));
	crypto_secretbox_easy((unsigned char *)out->buf + start + sizeof(nonce), plain, len, nonce,
			      kr->enc);
	out->len = start + sizeof(nonce) + crypto_secretbox_MACBYTES + len;
	out->buf[out->len] = '\0';
}

int secret_open(const struct keyring *kr, const void *sealed, size_t len, struct buf *out)
{
	const unsigned char *s = sealed;
	size_t plain_len, start = out->len;

	if (len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		return -1;
	plain_len = len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	if (buf_grow(out, plain_len) < 0)
		return -1;
	if (crypto_secretbox_open_easy((unsigned char *)out->buf + start,
				       s + crypto_secretbox_NONCEBYTES,
				       len - crypto_secretbox_NONCEBYTES, s, kr->enc) < 0)
		return -1;
	out->len = start + plain_len;
	out->buf[out->len] = '\0';
	return 0;
}

void secret_keyed_hash(const unsigned char key[32], const void *data, size_t len, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), data, len, key, 32);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

void secret_random(void *p, size_t n)
{
	randombytes_buf(p, n);
}

void secret_random_token(struct buf *out, size_t nbytes)
{
	unsigned char raw[64];
	char enc[sodium_base64_ENCODED_LEN(64, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	if (nbytes > sizeof(raw))
		nbytes = sizeof(raw);
	randombytes_buf(raw, nbytes);
	sodium_bin2base64(enc, sizeof(enc), raw, nbytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	buf_adds(out, enc);
	sodium_memzero(raw, sizeof(raw));
}

int secret_password_hash(const char *password, char hash[SECRET_PWHASH_LEN])
{
	return crypto_pwhash_str(hash, password, strlen(password),
				 crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

int secret_password_verify(const char *hash, const char *password)
{
	if (!hash || !*hash)
		return 0;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int secret_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

void secret_random_password(char out[20])
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
	int i, o = 0;
	for (i = 0; i < 15; i++) {
		if (i && i % 5 == 0)
			out[o++] = '-';
		out[o++] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	}
	out[o] = '\0';
}
