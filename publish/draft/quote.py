"""The words a drafted observation quotes: the shortest span of its sentence that holds the number and
the words each field was read from, with no other figure in it."""

from __future__ import annotations

from itertools import islice

from publish.draft.text import REACH, WORD, Context, Number, last_words, whole_words
from publish.languages import language

# How many words of subject a bare number takes before it and after it (twice as many syllables).
SUBJECT_WORDS_BEFORE = 4
SUBJECT_WORDS_AFTER = 6


def quote(c: Context, spans: list[tuple[int, int]], wholes: list[tuple[int, int]] = ()) -> tuple[int, int]:
    """The shortest span of the sentence that holds the number and the words each field was read
    from, widened to whole words and to a few words of subject before a lone number; it ends with the
    words of a whole it is out of (`wholes`: "71st out of 193")."""
    text, figures = c.text, c.doc.figures
    start, end = max(min(s for s, _ in spans), c.sentence[0]), min(max(e for _, e in spans), c.sentence[1])
    # A quote covers every number in it: keep other figures out, so each is drafted and checked.
    own = {c.number.start, *(s for s, _ in spans)}
    read_in = [(s, e) for s, e in spans if (s, e) != (c.number.start, c.number.end)]

    def kept_in(m: Number) -> bool:  # a figure the fields were read from, not another one
        return m.start in own or any(s <= m.start < e for s, e in read_in)

    def other_before(at: int) -> Number | None:
        return figures.last_ending_by(at, c.sentence[0], kept_in)

    def other_from(at: int) -> Number | None:
        return figures.first_starting_from(at, c.sentence[1], kept_in)

    before, after = other_before(c.number.start), other_from(c.number.end)
    if before is not None and before.end > start:
        start = before.end
    if after is not None and after.start < end:
        end = after.start
    while start < c.number.start and not text[start].isalpha():  # not the edge of the figure cut off
        start += 1
    while end > c.number.end and not (text[end - 1].isalpha() or text[end - 1] == "%"):  # a list's last "%"
        end -= 1
    per_word = 2 if language(c.language).syllabic else 1
    if end - start < REACH["bare_quote"]:  # a bare number and unit: take its subject, the words around it
        other = other_before(start)
        left = max(c.clause[0], other.end if other else c.clause[0])
        words = last_words(text, left, start, SUBJECT_WORDS_BEFORE * per_word)
        if words:
            start = min(start, words[0].start())
    if end - start < REACH["short_quote"]:
        other = other_from(end)
        limit = min(c.clause[1], other.start if other else c.clause[1])
        words = list(islice(WORD.finditer(text, end, limit), SUBJECT_WORDS_AFTER * per_word))
        if words:
            end = max(end, words[-1].end())
    end = max([end, *(e for _, e in wholes)])  # the whole's figure too, never cut off as an edge
    return alone(text, whole_words(text, start, end, c.sentence), c.sentence)


def alone(text: str, span: tuple[int, int], sentence: tuple[int, int]) -> tuple[int, int]:
    """A quote that stands elsewhere inside a longer word or figure ("1 item" inside "51 items") widened
    a word at a time, before it and then after it, until it stands nowhere but at whole words."""
    start, end = span
    while cut_elsewhere(text, start, end) and start > sentence[0]:
        words = last_words(text, sentence[0], start, 1)
        if not words:
            break
        start = words[0].start()
    while cut_elsewhere(text, start, end) and end < sentence[1]:
        word = WORD.search(text, end, sentence[1])
        if word is None:
            break
        end = word.end()
    return start, end


def cut_elsewhere(text: str, start: int, end: int) -> bool:
    """Whether the words text[start:end] stand somewhere else as the end of a longer word or figure."""
    words, at = text[start:end], text.find(text[start:end])
    while at != -1:
        before = text[max(at - 2, 0) : at]
        if at != start and before and (before[-1].isalnum() or (before[-1] in ".," and before[0].isdigit())):
            return True
        at = text.find(words, at + 1)
    return False
