/* journal_seal.c — the journal's encryption with libsodium: Argon2id keys, XChaCha20-Poly1305 lines, wiping. */
#include "journal_seal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_TEXT "cry-guide journal key check"
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define B64 sodium_base64_VARIANT_URLSAFE_NO_PADDING

struct seal_key {
	unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned char salt[SEAL_SALT_BYTES]; /* associated data of every line */
};

int seal_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void seal_params_new(struct seal_params *p)
{
	const char *env = getenv("CRY_GUIDE_PWHASH_LIMITS");

	randombytes_buf(p->salt, sizeof(p->salt));
	if (env && strcmp(env, "min") == 0) {
		p->opslimit = crypto_pwhash_OPSLIMIT_MIN;
		p->memlimit = crypto_pwhash_MEMLIMIT_MIN;
	} else {
		p->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
		p->memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	}
}

bool seal_params_valid(const struct seal_params *p)
{
	return p->opslimit >= crypto_pwhash_OPSLIMIT_MIN &&
	       p->opslimit <= crypto_pwhash_OPSLIMIT_SENSITIVE &&
	       p->memlimit >= crypto_pwhash_MEMLIMIT_MIN &&
	       p->memlimit <= crypto_pwhash_MEMLIMIT_SENSITIVE;
}

struct seal_key *seal_key_derive(const struct seal_params *p, const char *pass, size_t passlen)
{
	struct seal_key *k;

	if (!seal_params_valid(p))
		return NULL;
	k = sodium_malloc(sizeof(*k));
	if (!k)
		return NULL;
	if (crypto_pwhash(k->key, sizeof(k->key), pass, passlen, p->salt, p->opslimit,
			  (size_t)p->memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
		sodium_free(k);
		return NULL;
	}
	memcpy(k->salt, p->salt, sizeof(k->salt));
	return k;
}

void seal_key_free(struct seal_key *k)
{
	if (k)
		sodium_free(k); /* wipes */
}

char *seal_b64(const unsigned char *bin, size_t n)
{
	size_t len = sodium_base64_ENCODED_LEN(n, B64);
	char *out = malloc(len);

	if (out)
		sodium_bin2base64(out, len, bin, n, B64);
	return out;
}

int seal_unb64(const char *b64, size_t len, unsigned char *bin, size_t n)
{
	size_t got;
	const char *end;

	if (sodium_base642bin(bin, n, b64, len, NULL, &got, &end, B64) != 0 || got != n ||
	    end != b64 + len)
		return -1;
	return 0;
}

char *seal_line(const struct seal_key *k, const char *plain, size_t n, size_t *outlen)
{
	size_t blen = NONCE_BYTES + n + TAG_BYTES;
	unsigned char *bin = malloc(blen);
	unsigned long long clen;
	char *out;

	if (!bin)
		return NULL;
	randombytes_buf(bin, NONCE_BYTES); /* a fresh nonce for every line */
	crypto_aead_xchacha20poly1305_ietf_encrypt(bin + NONCE_BYTES, &clen,
						   (const unsigned char *)plain, n, k->salt,
						   sizeof(k->salt), NULL, bin, k->key);
	out = seal_b64(bin, NONCE_BYTES + (size_t)clen);
	free(bin);
	if (out && outlen)
		*outlen = strlen(out);
	return out;
}

char *seal_open(const struct seal_key *k, const char *line, size_t len, size_t *outlen)
{
	size_t max = len / 4 * 3 + 3, got;
	unsigned char *bin = malloc(max ? max : 1);
	unsigned long long plen;
	char *plain = NULL;
	const char *end;

	if (!bin)
		return NULL;
	if (sodium_base642bin(bin, max, line, len, NULL, &got, &end, B64) != 0 ||
	    end != line + len || got < NONCE_BYTES + TAG_BYTES)
		goto out;
	plain = malloc(got - NONCE_BYTES - TAG_BYTES + 1);
	if (!plain)
		goto out;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(
		(unsigned char *)plain, &plen, NULL, bin + NONCE_BYTES, got - NONCE_BYTES, k->salt,
		sizeof(k->salt), bin, k->key) != 0) {
		free(plain);
		plain = NULL;
		goto out;
	}
	plain[plen] = '\0';
	if (outlen)
		*outlen = (size_t)plen;
out:
	free(bin);
	return plain;
}

char *seal_check_new(const struct seal_key *k)
{
	return seal_line(k, CHECK_TEXT, strlen(CHECK_TEXT), NULL);
}

bool seal_check_ok(const struct seal_key *k, const char *check)
{
	size_t n;
	char *p = seal_open(k, check, strlen(check), &n);
	bool ok = p && n == strlen(CHECK_TEXT) && memcmp(p, CHECK_TEXT, n) == 0;

	free(p);
	return ok;
}

void seal_random(void *buf, size_t n)
{
	randombytes_buf(buf, n);
}

void seal_wipe(void *p, size_t n)
{
	if (p && n)
		sodium_memzero(p, n);
}

char *seal_secret_alloc(size_t n)
{
	return sodium_malloc(n);
}

void seal_secret_free(char *p)
{
	if (p)
		sodium_free(p);
}
