"""Which language a piece of text is in: Vietnamese, English or neither (a number, a code, a name).

A word-list identifier, deterministic and explainable rather than statistical: Vietnamese is written with letters no
English word has (ă â đ ê ô ơ ư and the tone marks), and running English prose cannot avoid its function words
(the, of, and, is …). Short strings and proper names are left undecided, never guessed. Used by the validator
(a _vi cell in English, an _en cell in Vietnamese) and by the test that reads every built page.
"""
from __future__ import annotations

import re

VI_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýõãĩũ]", re.IGNORECASE)
# The commonest English function words (closed-class words: articles, prepositions, pronouns, auxiliaries,
# conjunctions). Words that are also Vietnamese written without diacritics are left out: an (an toàn), am (am
# hiểu), can (can thiệp), do (do đó), in (in ấn), no (no đủ), so (so sánh), than (than đá), to (to lớn).
ENGLISH_FUNCTION_WORDS = frozenset("""
a about above after against all also although among and any are as at be because been before being below between
both but by could did does doing down during each either every few for from further had has have having he her
here hers him his how however if into is it its itself just more most must my neither nor not now of off on once
only or other our out over own same shall she should since some such that the their theirs them then there these
they this those through too under until up upon very was we were what when where whether which while who whom
whose why will with within without would yet you your
""".split())
# Words found in quotation marks are the source's own and do not count.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|(?<![A-Za-z])'[^']*'(?![A-Za-z])")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(_QUOTED.sub(" ", text))


def guess(text: str) -> str:
    """'vi', 'en', or '' when the text does not say (too short, only names, numbers and codes)."""
    found = words(text)
    if not found:
        return ""
    n = len(found)
    vi = sum(1 for w in found if VI_LETTERS.search(w))
    en = sum(1 for w in found if w.lower() in ENGLISH_FUNCTION_WORDS)
    # English prose is about 40 % function words, Vietnamese prose about 70 % words with its own letters; the
    # thresholds leave a wide margin for names and codes of the other language.
    if en >= 2 and en >= 0.15 * n and vi < 0.5 * n:
        return "en"
    if vi >= 2 and vi >= 0.3 * n and en < 0.1 * n:
        return "vi"
    return ""
