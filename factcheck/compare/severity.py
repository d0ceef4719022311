"""How serious each finding is: one table, read by every part of the comparison.

Precision first: an editor stops reading a tool whose high findings are wrong. So

- **high** means the two articles state *the same fact* differently (a figure or a date about
  the same thing, a quote's words or its speaker), or a quote is printed empty;
- **medium** means the candidate states something the reference does not support (`added_*`,
  `unsupported_claim`): the direction in which a retelling fabricates;
- **low** means an omission (`missing_*`): a retelling leaves things out by nature.

A finding is named by its discrepancy kind and a case. The cases, and why they weigh what they do:

| kind | case | severity | why |
| --- | --- | --- | --- |
| empty_quote | candidate | high | the candidate prints quotation marks around nothing |
| empty_quote | reference | low | the reference's own defect, reported so the editor sees it |
| missing_quote | vanished | low | a named person's voice is gone (quoted in the reference, never named in the candidate): said in the message, but still an omission, which summaries and digests make by design |
| missing_quote | default | low | a quote dropped or paraphrased; its speaker still appears |
| altered_quote | default | high | same quote, words (or, across languages, meaning) changed |
| misattributed_quote | default | high | same words, another named speaker |
| date_mismatch | default | high | the same event, in aligned sentences, dated differently (between independent reports, or a sentence a copy in one language rewrote: with the same event words, unless the sentence keeps most of the other's words, where the one date left on each side is the changed one; a date inferred from "Monday" only when days apart; a dateline, or a date stamped with a clock time, is metadata, never compared; a day inside a range of days, or the same day and month where a year was inferred or not written, agrees; two ranges agree only end for end) |
| date_mismatch | phrase | medium | two weekdays or two month names standing between the same words of the two articles ("launching in Italy on Wednesday" / "... on Monday"), where the sentences do not align as a whole (a summary's sentence): the phrase is the evidence, not the event (`phrases`) |
| date_mismatch | undated | medium | neither article gives its publication date, and two relative phrases of aligned sentences about the same event cannot name one date whatever day each was published ("Thursday" and "Friday", "20 years ago" and "35 years ago"): a conflict, but read without knowing the day, so not high |
| missing_date | default | low | a date the candidate does not give |
| number_mismatch | default | high | a figure of one family, in aligned sentences, changed beyond rounding (to the precision the other is written to: "8%" holds 8.44, "3.2 million" holds 3,150,000), conversion or bound (in a translation also a sum whose amount changed with its currency; between independent reports, or in a sentence a copy in one language rewrote: a bare count needs the same counted noun, unless the sentence keeps most of the other's words; between independent reports two sentences that each give several figures must share one) |
| number_mismatch | phrase | medium | two numbers written in words standing between the same words ("killed at least two people" / "killed at least three people"), where the sentences do not align as a whole (`phrases`) |
| missing_number | default | low | a figure the candidate does not give (a position in a numbered list, "1 Matthew Hayden, 2 ...", is no figure) |
| missing_entity | default | low | a name the candidate does not give |
| added_entity | voice | medium | a name the reference never gives that the candidate quotes or names twice, or names at all in a brief of at most three sentences retelling a reference four times its length or more, in its language (there a place, a people made from one, "Canadian", or a code, "SARS-CoV-3", too, unless made from a word the reference writes, "Chinese" / "China"; across languages: only a person it quotes in words the reference does not carry) |
| added_entity | default | low | a name mentioned once in passing; across languages any other name (generic words are translated, so absence proves little) |
| added_quote | default | medium | words in quotation marks the reference does not carry: possible fabrication |
| added_quote | fragment | low | a phrase of under four words in marks that a named speaker is said to use; with no speaker such a phrase is a term, a title or a scare quote and no quote finding at all, added or missing, and so are up to twelve words in title case that nobody speaks ("Make Love, Not Spam": the title of a work or a section) |
| added_number | measured | medium | a figure in digits with a unit, or a count of 10 or more, the reference does not give, in a sentence both articles tell (in a brief, any sentence: a brief has no background) |
| added_number | default | low | a small bare count ("two men"), a figure in words ("dieci": often rephrased, "a decade"), or one in material the reference does not cover at all (background, page furniture) |
| added_date | default | medium | a day or month the reference does not give, in a sentence both articles tell; in a brief, any date but a relative or a year-less one, a bare year too |
| added_date | year | low | a bare year: background more often than a claim about the event |
| added_date | relative | low | a day we inferred from "Monday" or "yesterday": the inference may be what is wrong |
| added_date | year_less | low | a day and month whose year neither the phrase, its sentence nor the publication date gives (an undated page, a fixture list): which day it is stays open |
| added_date | background | low | a date in material the reference does not cover at all (background, a page footer) |
| unsupported_claim | default | medium | the judge found no support in the reference |
| contradicted_claim | default | high | the judge found the reference says otherwise |
| contradicted_claim | swap | medium | a sentence copied nearly word for word with one proper name replaced by another ("U.K. activists" retold as "U.S. activists"), or a sentence retold in half its words where the one name the reference never writes stands by the same words as the one name of its kind the candidate never writes ("the London embassy" / "the embassy in Moscow"): the act given to someone else, but the rules read words, not meaning |
| contradicted_claim | negation | medium | a sentence copied nearly word for word whose main clause is negated on one side only |
| contradicted_claim | opposite | medium | a sentence copied nearly word for word with one word replaced by its opposite ("exports rose" retold as "exports fell", "legal" as "illegal"), or such a word standing between the same words in sentences that do not align as a whole (`phrases`) |
"""

from __future__ import annotations

from factcheck.models import DiscrepancyKind, Severity

SEVERITY: dict[tuple[DiscrepancyKind, str], Severity] = {
    ("empty_quote", "candidate"): "high",
    ("empty_quote", "reference"): "low",
    ("missing_quote", "vanished"): "low",
    ("missing_quote", "default"): "low",
    ("altered_quote", "default"): "high",
    ("misattributed_quote", "default"): "high",
    ("date_mismatch", "default"): "high",
    ("date_mismatch", "undated"): "medium",
    ("date_mismatch", "phrase"): "medium",
    ("missing_date", "default"): "low",
    ("number_mismatch", "default"): "high",
    ("number_mismatch", "phrase"): "medium",
    ("missing_number", "default"): "low",
    ("missing_entity", "default"): "low",
    ("added_entity", "voice"): "medium",
    ("added_entity", "default"): "low",
    ("added_quote", "default"): "medium",
    ("added_quote", "fragment"): "low",
    ("added_number", "measured"): "medium",
    ("added_number", "default"): "low",
    ("added_date", "default"): "medium",
    ("added_date", "year"): "low",
    ("added_date", "relative"): "low",
    ("added_date", "year_less"): "low",
    ("added_date", "background"): "low",
    ("unsupported_claim", "default"): "medium",
    ("contradicted_claim", "default"): "high",
    ("contradicted_claim", "swap"): "medium",
    ("contradicted_claim", "negation"): "medium",
    ("contradicted_claim", "opposite"): "medium",
}


def severity(kind: DiscrepancyKind, case: str = "default") -> Severity:
    """The severity of a finding of `kind` in `case` (see the table above)."""
    return SEVERITY[(kind, case)]
