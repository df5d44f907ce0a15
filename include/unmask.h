/* unmask.h — words people disguise: k*ll, su1cide, $elf, k.m.s, ｋｉｌｌ. */
#ifndef CRY_GUIDE_UNMASK_H
#define CRY_GUIDE_UNMASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * People who write online often disguise the word that matters: platforms
 * hide it, or habit does ("k*ll myself", "su1cide", "unal!ve", "k.m.s",
 * letters from a font generator).  The crisis matcher reads such a word as
 * the word it stands for, when exactly one word of its lexicon fits; a
 * word nothing fits is read as it always was.
 */

/*
 * The plain letter or digit a styled one stands for: fullwidth (ｋ), the
 * mathematical alphabets (𝐤 𝑘 𝒌 𝓀 𝕜 𝚔 …) and their letterlike
 * fill-ins (ℎ ℓ ℯ …), circled (ⓚ Ⓚ), squared and negative (🄺 🅚 🅺) and
 * regional-indicator letters (🇰), and Latin letters with a diacritic
 * (é ï ñ); lowercase.  0 for any other code point.
 */
char unmask_fold(uint32_t cp);

/*
 * May ASCII character c stand for a letter inside a word?  '*' for any
 * letter; '!', '@', '$' and '|' for the letter they look like.  (Inline:
 * the matcher asks it of every space and comma of a line.)
 */
static inline bool unmask_is_mark(unsigned char c)
{
	return c == '*' || c == '!' || c == '@' || c == '$' || c == '|';
}

/*
 * The lexicon, as unmask_word asks it: an identity for the word w (n
 * bytes, lowercase a-z) when the lexicon knows it (its stem, or a
 * shorthand), else -1.  Two spellings with one identity are one word.  An
 * identity with UNMASK_PHRASE_ONLY is a word of no concept of its own,
 * only part of a phrase ("the blades"): such a reading of a '*' counts
 * only where no word of a concept fits.  UNMASK_SHORTHAND marks a
 * shorthand of more than one word ("kms").
 */
typedef int64_t (*unmask_known_fn)(void *ctx, const char *w, size_t n);
#define UNMASK_PHRASE_ONLY ((int64_t)1 << 60)
#define UNMASK_SHORTHAND ((int64_t)1 << 61)

/*
 * Read token t (n bytes, n <= 32: ASCII letters, digits, marks, and the
 * '.', '-' or '_' of letters spelled out one by one) as the one word it
 * disguises, into out (room for 33 bytes; *out_n its length).  True when
 * exactly one reading is a word known() knows:
 *   - letters spelled out join: "k.m.s", "s-u-i-c-i-d-e" (three or more;
 *     two only for a word of a concept or a shorthand: "o.d", "s.h");
 *   - look-alike digits and marks are letters: 0 o, 1 i (or l), 3 e, 4 a,
 *     5 s, 7 t, ! i (or l), @ a, $ s, | l (or i);
 *   - each '*' (one or two in a word) is any letter: the reading is the
 *     one word of a concept that fits ("d*e": die), else the one word of a
 *     phrase ("bl*des");
 *   - a word people censor that is not a warning sign ("sh*t", "sh!7",
 *     "f**k") is read as itself, never as its parts ("sh", self-harm).
 * The token needs a letter of its own, two if it starts with a digit, and
 * then four characters ("3rd", "4th" stay as they are).  *budget counts the
 * lookups a '*' may still make on this line (26 for one, 676 for two); a
 * reading that needs more is not tried.
 */
bool unmask_word(const char *t, size_t n, char *out, size_t *out_n, unmask_known_fn known,
		 void *ctx, unsigned *budget);

#endif
