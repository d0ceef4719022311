"""An English report and its Arabic, Russian and French retellings, written for these tests:
every person and organisation, and the one quote, are matched across scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.compare.engine import compare
from factcheck.extract.rules import extract
from factcheck.load import load_document

ENGLISH = """\
Airbus to build new plant near Toulouse

Airbus will build a new assembly plant near Toulouse, chief executive Karim Haddad said on Tuesday. The plant will employ 1,200 people and open in 2027.

"This is the largest investment we have made in France in ten years," Haddad told reporters at the company's headquarters.

Maria Lopez, an analyst at Deutsche Bank, said the decision was expected. Siemens will supply the robots for the assembly line, according to Daniel Fischer, who heads the Siemens factory unit.
"""

RETELLINGS = {
    "ar": """\
إيرباص تبني مصنعا جديدا قرب تولوز

قال الرئيس التنفيذي لشركة إيرباص كريم حداد يوم الثلاثاء إن الشركة ستبني مصنعا جديدا للتجميع قرب تولوز. وسيوظف المصنع 1200 شخص ويفتح أبوابه في عام 2027.

وقال حداد للصحفيين في مقر الشركة: "هذا أكبر استثمار قمنا به في فرنسا منذ عشر سنوات".

وقالت ماريا لوبيز، المحللة في دويتشه بنك، إن القرار كان متوقعا. وستزود شركة سيمنس خط التجميع بالروبوتات، بحسب دانيال فيشر الذي يرأس وحدة المصانع في سيمنس.
""",
    "ru": """\
Airbus построит новый завод под Тулузой

Компания Airbus построит новый сборочный завод под Тулузой, сообщил во вторник генеральный директор Карим Хаддад. На заводе будут работать 1200 человек, он откроется в 2027 году.

«Это крупнейшая инвестиция, которую мы сделали во Франции за десять лет», — сказал Хаддад журналистам в штаб-квартире компании.

Мария Лопес, аналитик Дойче банка, сказала, что решение было ожидаемым. Роботы для сборочной линии поставит Сименс, сообщил Даниэль Фишер, руководитель заводского подразделения Сименс.
""",
    "fr": """\
Airbus va construire une nouvelle usine près de Toulouse

Airbus va construire une nouvelle usine d'assemblage près de Toulouse, a annoncé mardi son directeur général, Karim Haddad. L'usine emploiera 1 200 personnes et ouvrira en 2027.

« C'est le plus gros investissement que nous ayons fait en France depuis dix ans », a déclaré M. Haddad aux journalistes au siège de l'entreprise.

Maria López, analyste chez Deutsche Bank, a jugé la décision attendue. Siemens fournira les robots de la chaîne d'assemblage, selon Daniel Fischer, qui dirige l'unité des usines de Siemens.
""",
}

NAME_KINDS = {"missing_entity", "added_entity"}
QUOTE_KINDS = {"missing_quote", "added_quote", "altered_quote", "misattributed_quote"}


@pytest.mark.parametrize("language", sorted(RETELLINGS))
def test_every_person_organisation_and_quote_is_matched_across_scripts(
    tmp_path: Path, language: str
) -> None:
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / f"{language}.txt").write_text(RETELLINGS[language], encoding="utf-8")
    reference = load_document(tmp_path / "en.txt")
    candidate = load_document(tmp_path / f"{language}.txt")
    result = compare(reference, extract(reference), candidate, extract(candidate))
    kinds = [d.kind for d in result.discrepancies]
    assert not NAME_KINDS & set(kinds), [d.message for d in result.discrepancies]
    assert not QUOTE_KINDS & set(kinds), [d.message for d in result.discrepancies]
    (quote,) = [f for f in extract(candidate) if f.kind == "quote"]
    assert quote.speaker is not None
