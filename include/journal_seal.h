/* journal_seal.h — the journal's encryption: a key from a passphrase (Argon2id), each line sealed alone (XChaCha20-Poly1305). */
#ifndef CRY_GUIDE_JOURNAL_SEAL_H
#define CRY_GUIDE_JOURNAL_SEAL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The only module that includes <sodium.h>.  Keys live in memory that
 * libsodium guards and wipes (sodium_malloc); plaintext handed out by
 * seal_open() is the caller's to wipe with seal_wipe() before freeing.
 */

#define SEAL_SALT_BYTES 16

/* What the header line of an encrypted journal keeps (journal_codec.c reads and writes it). */
struct seal_params {
	unsigned char salt[SEAL_SALT_BYTES];
	unsigned long long opslimit; /* crypto_pwhash limits */
	unsigned long long memlimit;
};

struct seal_key;

/* Start libsodium; -1 when it cannot (no entropy source). */
int seal_init(void);

/*
 * Fresh parameters: a random salt, and the limits of
 * crypto_pwhash_*_INTERACTIVE, or the smallest ones libsodium allows when
 * $CRY_GUIDE_PWHASH_LIMITS is "min" (for tests: a key in microseconds;
 * never use it for a real journal).
 */
void seal_params_new(struct seal_params *p);

/* True when p's limits are ones this program accepts from a header (bounded, so a forged header cannot ask for terabytes). */
bool seal_params_valid(const struct seal_params *p);

/* Derive the key; NULL when memory ran out.  Free with seal_key_free() (which wipes it). */
struct seal_key *seal_key_derive(const struct seal_params *p, const char *pass, size_t passlen);
void seal_key_free(struct seal_key *k);

/*
 * Seal PLAIN (n bytes) with a fresh random nonce: the result is base64
 * (no padding, URL-safe alphabet) of nonce || ciphertext, NUL-terminated,
 * no newline, *outlen its length.  The salt is bound as associated data.
 * Caller frees; NULL when memory ran out.
 */
char *seal_line(const struct seal_key *k, const char *plain, size_t n, size_t *outlen);

/*
 * Open a sealed line (base64, len bytes).  Returns the plaintext,
 * NUL-terminated, *outlen its length (caller wipes with seal_wipe() and
 * frees), or NULL when it is not base64, was changed, or was sealed with
 * another key.
 */
char *seal_open(const struct seal_key *k, const char *line, size_t len, size_t *outlen);

/* The key-check value kept in the header (caller frees), and its test. */
char *seal_check_new(const struct seal_key *k);
bool seal_check_ok(const struct seal_key *k, const char *check);

/* base64 (URL-safe, no padding) of n bytes; caller frees; NULL when memory ran out. */
char *seal_b64(const unsigned char *bin, size_t n);
/* Decode base64 into exactly n bytes; -1 when it is not that. */
int seal_unb64(const char *b64, size_t len, unsigned char *bin, size_t n);

/* n random bytes. */
void seal_random(void *buf, size_t n);

/* Wipe n bytes (sodium_memzero); p may be NULL. */
void seal_wipe(void *p, size_t n);

/* Secret memory (guarded, wiped on free) for a passphrase; NULL when out of memory. */
char *seal_secret_alloc(size_t n);
void seal_secret_free(char *p);

#endif
