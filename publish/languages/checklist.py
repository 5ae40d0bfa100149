"""What a language file must give: every class of words, each with its keys and what a key's phrases
say of a number. The loader refuses a file that lacks a class or a key, or gives a key no rule reads,
naming the file, the class and the key; README.md in this folder is this checklist for a person.

A phrase holds "{n}" where it holds a number; one without it may stand anywhere in its sentence.
"""

from __future__ import annotations

# class -> key -> what the key's phrases say
CLASSES: dict[str, dict[str, str]] = {
    "qualifiers": {
        "more_than": 'more than the number: "more than {n}"',
        "nearly": 'a little less than the number: "nearly {n}"',
        "about": 'around the number, either side: "about {n}"',
        "at_least": 'the number or more: "at least {n}"',
        "up_to": 'the number or less: "up to {n}", "the top {n}"',
        "less_than": 'less than the number: "less than {n}"',
    },
    "kinds": {
        "target": 'a value planned, not reached: "target", "aim"',
        "estimate": 'a value estimated or expected: "estimated", "expected"',
        "baseline": 'the earlier value a change is measured from: "up from {n}", "compared with {n}"',
    },
    "changes": {
        "up": 'a rise of the subject: "increase", "rose"',
        "down": 'a fall of the subject: "decrease", "fell"',
        "reached": 'the level a change reached, a value and not the change: "to {n}"',
    },
    "compared": {
        "compared": 'what the figure is compared with follows: "compared with"',
        "same_period": 'the same period a year before: "year on year"',
    },
    "periods": {
        "first_half": 'the first six months of the year: "first half"',
        "current": 'the report\'s day, for a stock said so: "currently", "to date"',
        "this_year": 'the report\'s year: "this year"',
        "respectively": "figures listed after as many years, each of its year in order",
        "last_year": 'the year before the report\'s: "last year"',
        "year_end": 'the last day of the year named: "end of {n}"',
        "from": 'a month and year after these start a span: "from", "since"',
        "as_of": 'a stock on the day or month after these (a month\'s last day): "as of"',
        "mid_month": 'the 15th of the month after these: "mid"',
        "that_period": 'the time named before: "this period"',
        "of_which": 'a sentence of the parts of the figure before: "of which"',
        "review": 'a text reviewing a time that has ended, in its opening: "review of", "results of"',
        "during": 'the whole month after these: "in", "during"',
        "deadline": 'a year by which a plan is due: "by {n}"',
        "first_months": 'the first months of a year, January on: "first {n} months"',
        "quarter_1": 'the first quarter: "first quarter", "Q1"',
        "quarter_2": 'the second quarter: "second quarter", "Q2"',
        "quarter_3": 'the third quarter: "third quarter", "Q3"',
        "quarter_4": 'the fourth quarter: "fourth quarter", "Q4"',
    },
    "units": {
        "percent": 'a share in percent: "{n}%", "{n} percent"',
        "percentage_point": 'a difference of shares: "{n} percentage points"',
        "usd": 'US dollars: "{n} USD", "US${n}"',
        "vnd": 'Vietnamese dong: "{n} VND", "{n} đồng"',
        "times": 'a multiple: "{n} times"',
        "count_per_day": 'a count per day, beside the number or anywhere in its clause: "{n} a day", "daily"',
        "rank": 'an ordinal of a ranking: "{n}th", "No. {n}"',
        "mbps": 'megabits per second: "{n} Mbps"',
        "km": 'kilometres: "{n} km"',
        "index": 'a score on an index\'s own scale: "{n} points", "a score of {n}"',
        "per_100_people": 'a number per 100 inhabitants, anywhere in its clause: "per 100 inhabitants"',
    },
    "growth": {
        "rate": 'a rate of growth stated as a level: "growth rate"',
        "share_of": 'a percentage of GDP, a share and never a growth rate: "{n}% of GDP"',
    },
    "out_of": {
        "of": 'the number after these is a denominator: "out of {n}" (validation reads the words before '
        '"{n}" as making any number after them a whole: keep them specific)',
        "of_before": 'a whole said before the figure it divides: "of the {n}"',
    },
    "ranking": {
        "rank": 'words that make an ordinal a rank: "place", "rank"',
        "top": 'a ranking among the best: "top", "fastest"',
    },
    "excluded": {
        "date": 'a day of the month: "on {n}"',
        "name": 'a number in a name or a document\'s number: "Decree No. {n}"',
        "page": 'page furniture: "Photo {n}", "Comments ({n})"',
        "period": 'a duration, no value: "{n} months", "{n} consecutive years"',
        "list_count": 'the count of a list the text goes on to name: "{n} pillars"',
        "other": 'ages, attendance and the like: "aged {n}", "{n} delegates"',
    },
    "negation": {
        "not": 'words that turn a figure\'s subject around: "not", "yet to"',
    },
    "clauses": {
        "contrast": 'words of contrast that open a clause words of kind do not reach: "while", "but"',
    },
    "subjects": {
        "respectively": 'each figure of a list is of the subject named before the list: "respectively"',
        "links": 'words linking a figure to its subject before them: "reached", "was"',
        "anaphora": 'a figure of the subject of the figure said before it: "the figure"',
        "listing": 'words that go on to name a count\'s items: "including", "namely"',
        "known": 'words before a count written out that make it the count of things named: "the", "both"',
    },
}


def missing_and_unknown(word_class: str, keys: set[str]) -> tuple[list[str], list[str]]:
    """The keys of a class a file lacks, and those it gives that no rule reads."""
    wanted = set(CLASSES[word_class])
    return sorted(wanted - keys), sorted(keys - wanted)


def checklist_table() -> str:
    """The classes and keys as the rows of README.md's table (tests/test_language_files.py checks that
    the README holds them)."""
    return "\n".join(
        f"| {word_class} | {key} | {meaning.replace('|', '/')} |"
        for word_class, keys in CLASSES.items()
        for key, meaning in keys.items()
    )
