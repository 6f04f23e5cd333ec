/* secret.h - the key file, field encryption, keyed hashes, passwords and tokens (libsodium). */
#ifndef JINDU_SECRET_H
#define JINDU_SECRET_H

#include <stddef.h>

#include "buf.h"

/*
 * The key file holds one 32-byte master key (hex, mode 0600) kept outside
 * the database: a stolen database alone reveals no ID number and cannot
 * forge audit entries. Purpose keys are derived from it with crypto_kdf, so
 * one purpose's key never serves another.
 */
struct keyring {
	unsigned char enc[32];   /* secretbox key for sensitive fields (ID numbers) */
	unsigned char index[32]; /* keyed hash for exact search of encrypted fields */
	unsigned char audit[32]; /* keyed hash chaining the audit log */
	unsigned char token[32]; /* keyed hash of session and API tokens */
};

/* Must be called once before anything else here; returns 0 or -1. */
int secret_init(void);

/* Creates a new key file (refuses to overwrite one). Returns 0 or -1 with err. */
int keyring_create(const char *path, struct buf *err);
/* Loads the key file; refuses one readable by group or others. */
int keyring_load(const char *path, struct keyring *kr, struct buf *err);
void keyring_wipe(struct keyring *kr);

/* Encrypts plain into out as nonce || MAC || ciphertext (binary). */
void secret_seal(const struct keyring *kr, const void *plain, size_t len, struct buf *out);
/* Decrypts; returns 0, or -1 when the data was altered or the key is wrong. */
int secret_open(const struct keyring *kr, const void *sealed, size_t len, struct buf *out);

/* Lower-case hex of a keyed BLAKE2b-256 of data; out needs 65 bytes. */
void secret_keyed_hash(const unsigned char key[32], const void *data, size_t len, char out[65]);

/* A random URL-safe token of nbytes of entropy, appended to out. */
void secret_random_token(struct buf *out, size_t nbytes);
/* Random bytes. */
void secret_random(void *p, size_t n);

/* argon2id password hashing; hash needs SECRET_PWHASH_LEN bytes. */
#define SECRET_PWHASH_LEN 128
int secret_password_hash(const char *password, char hash[SECRET_PWHASH_LEN]);
/* Returns 1 when the password matches, 0 when not. */
int secret_password_verify(const char *hash, const char *password);

/* Constant-time string comparison for secrets of equal length; 1 when equal. */
int secret_equal(const char *a, const char *b);

/* A readable random password: groups of letters and digits without look-alikes. */
void secret_random_password(char out[20]);

#endif
