/* safety.c — the compiled-in crisis line, disclaimer and resources. */
#include "safety.h"

/*
 * This copy never depends on content files.  Keep it in step with
 * SPEC section 4 and content/safety.json; `check` (CG208) makes sure the
 * content's own crisis line never drops a part of it.
 */
const char safety_crisis_line[] =
    "If you are in crisis or thinking about suicide: call or text 988 "
    "(Suicide & Crisis Lifeline, US, free, 24/7) or chat at 988lifeline.org. "
    "In immediate danger, call 911. Outside the US, find a local line at "
    "findahelpline.com.";

const char safety_medium_line[] =
    "If things feel heavy, for you or for someone you care about, you can call or text 988 "
    "any time (free, 24/7).";

const char safety_988_line[] = "Call or text 988 (Suicide & Crisis Lifeline, US, free, 24/7), "
			       "or chat at 988lifeline.org.";

/* The same plain words as content/guide.json's (grade 8 or below). */
const char safety_disclaimer[] =
    "cry-guide helps you think about your feelings and learn some general facts. "
    "It is not medical advice. It cannot tell you what is wrong or treat you, and it "
    "does not take the place of a trained mental health professional.";

static const char *const r988[] = {
	"Call or text 988; chat at 988lifeline.org (free, confidential, 24/7)",
	"Spanish: press 2, or text AYUDA to 988", "Veterans: dial 988 then press 1, or text 838255",
	"Deaf and hard of hearing: ASL Now at 988lifeline.org", NULL
};
static const char *const r911[] = { "In immediate danger, call 911", NULL };
static const char *const rctl[] = { "Text HOME to 741741", NULL };
static const char *const rsamhsa[] = {
	"1-800-662-4357: free, confidential referrals and treatment information, 24/7",
	"FindTreatment.gov", NULL
};
static const char *const rcanada[] = { "Call or text 9-8-8", NULL };
static const char *const relse[] = { "Find a local line at findahelpline.com", NULL };

const struct safety_resource safety_resources[] = {
	{ "988 Suicide & Crisis Lifeline (US)", r988 },
	{ "Emergency (US)", r911 },
	{ "Crisis Text Line (US)", rctl },
	{ "SAMHSA National Helpline (US)", rsamhsa },
	{ "Canada", rcanada },
	{ "Elsewhere", relse },
};
const size_t safety_n_resources = sizeof(safety_resources) / sizeof(safety_resources[0]);
