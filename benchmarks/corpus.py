"""A synthetic multilingual news corpus for the speed and scaling benchmarks.

Every story is invented: names come from syllable tables, sentences from the language templates
in this file, so no third-party text is involved. Some retellings carry injected changes (a changed
figure or date, an emptied quote, a dropped person, an AI disclaimer), listed in manifest.json.

    python benchmarks/corpus.py OUT_DIR --articles 1000 --stories 100 [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

MIN_BYTES = 3000
MAX_BYTES = 6000
MAIN_LANGS = ("id", "fr", "en", "ar")
EXTRA_LANGS = ("es", "de", "pt")
CHANGE_KINDS = ("number", "date", "empty_quote", "dropped_person", "ai_disclaimer")

# Syllables with an Arabic spelling beside each, so a name reads the same in both scripts.
SYLLABLES = (
    ("ka", "كا"),
    ("ri", "ري"),
    ("ma", "ما"),
    ("lo", "لو"),
    ("ne", "ني"),
    ("ta", "تا"),
    ("su", "سو"),
    ("di", "دي"),
    ("ra", "را"),
    ("wa", "وا"),
    ("ni", "ني"),
    ("bu", "بو"),
    ("se", "سي"),
    ("ha", "ها"),
    ("li", "لي"),
    ("mo", "مو"),
    ("ga", "غا"),
    ("to", "تو"),
    ("ya", "يا"),
    ("fe", "في"),
    ("ru", "رو"),
    ("sa", "سا"),
    ("pi", "بي"),
    ("do", "دو"),
)
FINALS = (("n", "ن"), ("r", "ر"), ("s", "س"), ("l", "ل"), ("", ""), ("", ""), ("m", "م"))
ORG_SUFFIXES = ("Group", "Holdings", "Works", "Industries", "Energy", "Logistics", "Foods")

# One template table per language. Slots: {org} {place} {event} {money} {pct} {date} {date2}
# {p1} {p2} {p3} {org2} {village} and quotes {q1} {q2} {q3} (already wrapped in marks).
LANGS: dict[str, dict] = {
    "en": {
        "months": [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        "date": "{d} {month} {y}",
        "marks": ("\u201c", "\u201d"),
        "verbs": ("said", "added", "stressed"),
        "money": "${m} million",
        "pct": "{p}%",
        "decimal": ".",
        "events": (
            "cut {n} jobs",
            "build {n} kilometres of new road",
            "open a hospital with {n} beds",
            "build {n} affordable homes",
        ),
        "headline": "{org} plans to {event} in {place}",
        "lead": "{PLACE}, {date} \u2014 {org} announced on {date} that it would {event} in "
        "{place}, a plan worth {money}.",
        "pct_line": "The budget is {pct} higher than last year's, according to spokesperson {p2}.",
        "q1": "{q1} {verb} chief executive {p1}.",
        "q2": "{q2} {verb} {p2}, who speaks for the company.",
        "date2": "Work is expected to begin on {date2}, once the permits are signed.",
        "q3": "{q3} {verb} {p3}, who chairs {org2}.",
        "disclaimer": "This article was produced with the help of artificial intelligence (AI) "
        "and may contain errors.",
        "quotes": (
            "This decision was not easy, but it protects the future of the region",
            "We have listened to residents and we will keep listening",
            "Every figure in this plan has been checked twice",
            "Nobody asked the people who live here what they need",
            "The timetable is tight, but we believe it can be met",
            "This is the largest investment the town has seen in a decade",
            "We will publish every contract so that anyone can check it",
            "Promises are cheap; we will judge the plan by its results",
        ),
        "fillers": (
            "Residents of {village} said they had followed the debate closely for months.",
            "Shopkeepers in {village} hope the plan will bring more customers to the market.",
            "The council will publish a detailed timetable on its website.",
            "Opposition members asked for an independent audit of the costs.",
            "Several neighbouring towns, including {village}, are watching the project closely.",
            "Farmers near {village} worry about access to their fields during the works.",
            "Local schools in {village} have been asked to prepare for heavier traffic.",
            "The plan still needs a final environmental review before any ground is broken.",
            "Critics say {org} has made similar promises before in {place}.",
            "A public meeting in {village} drew a larger crowd than the hall could hold.",
        ),
    },
    "id": {
        "months": [
            "Januari",
            "Februari",
            "Maret",
            "April",
            "Mei",
            "Juni",
            "Juli",
            "Agustus",
            "September",
            "Oktober",
            "November",
            "Desember",
        ],
        "date": "{d} {month} {y}",
        "marks": ('"', '"'),
        "verbs": ("kata", "ujar", "tutur"),
        "money": "{m} juta dolar AS",
        "pct": "{p} persen",
        "decimal": ",",
        "events": (
            "memangkas {n} pekerjaan",
            "membangun {n} kilometer jalan baru",
            "membuka rumah sakit dengan {n} tempat tidur",
            "membangun {n} rumah murah",
        ),
        "headline": "{org} berencana {event} di {place}",
        "lead": "{PLACE}, {date} \u2014 {org} mengumumkan pada {date} bahwa perusahaan akan "
        "{event} di {place}, rencana senilai {money}.",
        "pct_line": "Anggaran itu {pct} lebih tinggi dari tahun lalu, menurut juru bicara {p2}.",
        "q1": "{q1} {verb} Direktur Utama {p1}.",
        "q2": "{q2} {verb} Juru bicara perusahaan, {p2}.",
        "date2": "Pekerjaan diperkirakan dimulai pada {date2}, setelah izin ditandatangani.",
        "q3": "{q3} {verb} {p3}, Ketua {org2}.",
        "disclaimer": "Artikel ini disusun dengan bantuan kecerdasan buatan (AI) dan mungkin "
        "memuat kekeliruan.",
        "quotes": (
            "Keputusan ini tidak mudah, tetapi melindungi masa depan daerah ini",
            "Kami sudah mendengarkan warga dan akan terus mendengarkan",
            "Setiap angka dalam rencana ini sudah diperiksa dua kali",
            "Tidak ada yang bertanya kepada warga di sini apa yang mereka butuhkan",
            "Jadwalnya ketat, tetapi kami yakin bisa dipenuhi",
            "Ini investasi terbesar yang pernah diterima kota ini dalam sepuluh tahun",
            "Kami akan menerbitkan setiap kontrak agar siapa pun bisa memeriksanya",
            "Janji itu murah; kami akan menilai rencana ini dari hasilnya",
        ),
        "fillers": (
            "Warga {village} mengaku mengikuti perdebatan ini dengan saksama selama berbulan-bulan.",
            "Para pedagang di {village} berharap rencana ini membawa lebih banyak pembeli ke pasar.",
            "Pemerintah daerah akan menerbitkan jadwal rinci di situs webnya.",
            "Anggota oposisi meminta audit independen atas biaya proyek.",
            "Beberapa kota tetangga, termasuk {village}, memantau proyek ini dengan cermat.",
            "Petani di sekitar {village} khawatir akses ke sawah terganggu selama pekerjaan.",
            "Sekolah-sekolah di {village} diminta bersiap menghadapi lalu lintas yang lebih padat.",
            "Rencana ini masih memerlukan kajian lingkungan akhir sebelum pekerjaan dimulai.",
            "Para pengkritik menyebut {org} pernah membuat janji serupa di {place}.",
            "Pertemuan warga di {village} dihadiri lebih banyak orang daripada daya tampung balai.",
        ),
    },
    "fr": {
        "months": [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        "date": "{d} {month} {y}",
        "marks": ("\u00ab\u00a0", "\u00a0\u00bb"),
        "verbs": ("a déclaré", "a affirmé", "a souligné"),
        "money": "{m} millions de dollars",
        "pct": "{p}\u00a0%",
        "decimal": ",",
        "events": (
            "supprimer {n} emplois",
            "construire {n} kilomètres de route",
            "ouvrir un hôpital de {n} lits",
            "construire {n} logements abordables",
        ),
        "headline": "{org} prévoit de {event} à {place}",
        "lead": "{PLACE}, {date} \u2014 {org} a annoncé le {date} son intention de {event} à "
        "{place}, un projet de {money}.",
        "pct_line": "Le budget est supérieur de {pct} à celui de l'an dernier, selon le "
        "porte-parole {p2}.",
        "q1": "{q1}, {verb} le directeur général, {p1}.",
        "q2": "{q2}, {verb} {p2}, porte-parole de l'entreprise.",
        "date2": "Les travaux devraient commencer le {date2}, une fois les permis signés.",
        "q3": "{q3}, {verb} {p3}, président de {org2}.",
        "disclaimer": "Cet article a été rédigé avec l'aide de l'intelligence artificielle (IA) "
        "et peut contenir des erreurs.",
        "quotes": (
            "Cette décision n'a pas été facile, mais elle protège l'avenir de la région",
            "Nous avons écouté les habitants et nous continuerons à les écouter",
            "Chaque chiffre de ce plan a été vérifié deux fois",
            "Personne n'a demandé aux gens d'ici ce dont ils ont besoin",
            "Le calendrier est serré, mais nous pensons pouvoir le tenir",
            "C'est le plus gros investissement que la ville ait connu en dix ans",
            "Nous publierons chaque contrat pour que chacun puisse le vérifier",
            "Les promesses ne coûtent rien ; nous jugerons le plan sur ses résultats",
        ),
        "fillers": (
            "Les habitants de {village} disent suivre le débat de près depuis des mois.",
            "Les commerçants de {village} espèrent que le projet attirera plus de clients.",
            "La collectivité publiera un calendrier détaillé sur son site internet.",
            "L'opposition réclame un audit indépendant des coûts.",
            "Plusieurs villes voisines, dont {village}, suivent le projet avec attention.",
            "Les agriculteurs proches de {village} craignent de ne plus accéder à leurs champs.",
            "Les écoles de {village} ont été invitées à se préparer à un trafic plus dense.",
            "Le projet doit encore passer une dernière étude environnementale.",
            "Selon ses détracteurs, {org} a déjà fait des promesses semblables à {place}.",
            "Une réunion publique à {village} a attiré plus de monde que la salle n'en contenait.",
        ),
    },
    "ar": {
        "months": [
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ],
        "date": "{d} {month} {y}",
        "marks": ('"', '"'),
        "verbs": ("قال", "أكد", "أوضح"),
        "money": "{m} مليون دولار",
        "pct": "{p} في المئة",
        "decimal": ".",
        "events": (
            "إلغاء {n} وظيفة",
            "بناء {n} كيلومتراً من الطرق الجديدة",
            "افتتاح مستشفى يضم {n} سريراً",
            "بناء {n} مسكناً بأسعار معقولة",
        ),
        "headline": "{org} تعتزم {event} في {place}",
        "lead": "{PLACE}، {date} \u2014 أعلنت شركة {org} في {date} أنها ستعمل على {event} في "
        "{place}، في خطة تبلغ قيمتها {money}.",
        "pct_line": "وبحسب المتحدث {p2}، تزيد الميزانية بنسبة {pct} على ميزانية العام الماضي.",
        "q1": "و{verb} الرئيس التنفيذي {p1}: {q1}.",
        "q2": "و{verb} المتحدث باسم الشركة {p2}: {q2}.",
        "date2": "ومن المتوقع أن تبدأ الأعمال في {date2} بعد توقيع التصاريح.",
        "q3": "و{verb} {p3}، رئيس {org2}: {q3}.",
        "disclaimer": "كُتب هذا المقال بمساعدة الذكاء الاصطناعي وقد يحتوي على أخطاء.",
        "quotes": (
            "لم يكن هذا القرار سهلاً، لكنه يحمي مستقبل المنطقة",
            "استمعنا إلى السكان وسنواصل الاستماع إليهم",
            "كل رقم في هذه الخطة رُوجع مرتين",
            "لم يسأل أحد سكان هذه المنطقة عما يحتاجون إليه",
            "الجدول الزمني ضيق، لكننا نعتقد أنه يمكن الالتزام به",
            "هذا أكبر استثمار تشهده المدينة منذ عشر سنوات",
            "سننشر كل العقود حتى يتمكن الجميع من التحقق منها",
            "الوعود لا تكلف شيئاً، وسنحكم على الخطة بنتائجها",
        ),
        "fillers": (
            "ويقول سكان {village} إنهم تابعوا النقاش عن كثب منذ أشهر.",
            "ويأمل التجار في {village} أن تجلب الخطة مزيداً من الزبائن إلى السوق.",
            "وستنشر السلطات المحلية جدولاً زمنياً مفصلاً على موقعها الإلكتروني.",
            "وطالب أعضاء المعارضة بتدقيق مستقل في التكاليف.",
            "وتتابع عدة بلدات مجاورة، منها {village}، المشروع باهتمام.",
            "ويخشى المزارعون قرب {village} من صعوبة الوصول إلى حقولهم أثناء الأعمال.",
            "وطُلب من مدارس {village} الاستعداد لحركة مرور أكثف.",
            "ولا تزال الخطة بحاجة إلى مراجعة بيئية نهائية قبل بدء الأعمال.",
            "ويقول المنتقدون إن {org} قدمت وعوداً مماثلة من قبل في {place}.",
            "واجتذب اجتماع عام في {village} حشداً فاق سعة القاعة.",
        ),
    },
    "es": {
        "months": [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        "date": "{d} de {month} de {y}",
        "marks": ("\u00ab", "\u00bb"),
        "verbs": ("dijo", "afirmó", "señaló"),
        "money": "{m} millones de dólares",
        "pct": "{p}\u00a0%",
        "decimal": ",",
        "events": (
            "recortar {n} empleos",
            "construir {n} kilómetros de carretera",
            "abrir un hospital de {n} camas",
            "construir {n} viviendas asequibles",
        ),
        "headline": "{org} planea {event} en {place}",
        "lead": "{PLACE}, {date} \u2014 {org} anunció el {date} que va a {event} en {place}, "
        "un plan de {money}.",
        "pct_line": "El presupuesto es un {pct} mayor que el del año pasado, según el portavoz "
        "{p2}.",
        "q1": "{q1}, {verb} el consejero delegado, {p1}.",
        "q2": "{q2}, {verb} {p2}, portavoz de la empresa.",
        "date2": "Las obras empezarán previsiblemente el {date2}, cuando se firmen los permisos.",
        "q3": "{q3}, {verb} {p3}, presidente de {org2}.",
        "disclaimer": "Este artículo se redactó con ayuda de inteligencia artificial (IA) y puede "
        "contener errores.",
        "quotes": (
            "Esta decisión no fue fácil, pero protege el futuro de la región",
            "Hemos escuchado a los vecinos y seguiremos escuchándolos",
            "Cada cifra de este plan se ha comprobado dos veces",
            "Nadie preguntó a la gente de aquí qué necesita",
            "El calendario es ajustado, pero creemos que se puede cumplir",
            "Es la mayor inversión que ha visto la ciudad en una década",
            "Publicaremos cada contrato para que cualquiera pueda revisarlo",
            "Las promesas son baratas; juzgaremos el plan por sus resultados",
        ),
        "fillers": (
            "Los vecinos de {village} dicen que siguen el debate de cerca desde hace meses.",
            "Los comerciantes de {village} esperan que el plan atraiga más clientes.",
            "El ayuntamiento publicará un calendario detallado en su web.",
            "La oposición pidió una auditoría independiente de los costes.",
            "Varias localidades vecinas, entre ellas {village}, siguen el proyecto con atención.",
            "Los agricultores de {village} temen perder el acceso a sus campos durante las obras.",
            "Se ha pedido a las escuelas de {village} que se preparen para más tráfico.",
            "El plan aún necesita una revisión ambiental final.",
            "Según sus críticos, {org} ya hizo promesas parecidas en {place}.",
        ),
    },
    "de": {
        "months": [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ],
        "date": "{d}. {month} {y}",
        "marks": ("\u201e", "\u201c"),
        "verbs": ("sagte", "betonte", "erklärte"),
        "money": "{m} Millionen Dollar",
        "pct": "{p} Prozent",
        "decimal": ",",
        "events": (
            "{n} Stellen streichen",
            "{n} Kilometer neue Straße bauen",
            "ein Krankenhaus mit {n} Betten eröffnen",
            "{n} günstige Wohnungen bauen",
        ),
        "headline": "{org} will in {place} {event}",
        "lead": "{PLACE}, {date} \u2014 {org} hat am {date} angekündigt, in {place} {event} zu "
        "wollen; der Plan kostet {money}.",
        "pct_line": "Das Budget liegt nach Angaben von Sprecher {p2} um {pct} über dem des "
        "Vorjahres.",
        "q1": "{q1}, {verb} Vorstandschef {p1}.",
        "q2": "{q2}, {verb} Unternehmenssprecher {p2}.",
        "date2": "Die Arbeiten sollen am {date2} beginnen, sobald die Genehmigungen vorliegen.",
        "q3": "{q3}, {verb} {p3}, Vorsitzender von {org2}.",
        "disclaimer": "Dieser Artikel wurde mit Hilfe künstlicher Intelligenz (KI) erstellt und "
        "kann Fehler enthalten.",
        "quotes": (
            "Diese Entscheidung war nicht leicht, aber sie sichert die Zukunft der Region",
            "Wir haben den Anwohnern zugehört und werden das weiter tun",
            "Jede Zahl in diesem Plan wurde zweimal geprüft",
            "Niemand hat die Menschen hier gefragt, was sie brauchen",
            "Der Zeitplan ist knapp, aber wir glauben, dass er zu halten ist",
            "Das ist die größte Investition, die die Stadt seit zehn Jahren erlebt",
            "Wir werden jeden Vertrag veröffentlichen, damit ihn jeder prüfen kann",
            "Versprechen kosten nichts; wir messen den Plan an seinen Ergebnissen",
        ),
        "fillers": (
            "Anwohner in {village} sagen, sie verfolgten die Debatte seit Monaten genau.",
            "Händler in {village} hoffen, dass der Plan mehr Kundschaft bringt.",
            "Die Verwaltung will einen genauen Zeitplan im Internet veröffentlichen.",
            "Die Opposition fordert eine unabhängige Prüfung der Kosten.",
            "Mehrere Nachbarorte, darunter {village}, beobachten das Projekt genau.",
            "Landwirte bei {village} fürchten, während der Bauzeit ihre Felder nicht zu erreichen.",
            "Die Schulen in {village} sollen sich auf mehr Verkehr einstellen.",
            "Der Plan braucht noch eine abschließende Umweltprüfung.",
            "Kritiker sagen, {org} habe in {place} schon ähnliche Versprechen gemacht.",
        ),
    },
    "pt": {
        "months": [
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ],
        "date": "{d} de {month} de {y}",
        "marks": ("\u201c", "\u201d"),
        "verbs": ("disse", "afirmou", "declarou"),
        "money": "{m} milhões de dólares",
        "pct": "{p}%",
        "decimal": ",",
        "events": (
            "cortar {n} empregos",
            "construir {n} quilômetros de estrada",
            "abrir um hospital com {n} leitos",
            "construir {n} casas populares",
        ),
        "headline": "{org} planeja {event} em {place}",
        "lead": "{PLACE}, {date} \u2014 A {org} anunciou em {date} que vai {event} em {place}, "
        "num plano de {money}.",
        "pct_line": "O orçamento é {pct} maior que o do ano passado, segundo o porta-voz {p2}.",
        "q1": "{q1}, {verb} o presidente-executivo, {p1}.",
        "q2": "{q2}, {verb} {p2}, porta-voz da empresa.",
        "date2": "As obras devem começar em {date2}, depois da assinatura das licenças.",
        "q3": "{q3}, {verb} {p3}, presidente da {org2}.",
        "disclaimer": "Este artigo foi escrito com a ajuda de inteligência artificial (IA) e pode "
        "conter erros.",
        "quotes": (
            "Esta decisão não foi fácil, mas protege o futuro da região",
            "Ouvimos os moradores e vamos continuar a ouvi-los",
            "Cada número deste plano foi conferido duas vezes",
            "Ninguém perguntou às pessoas daqui do que elas precisam",
            "O cronograma é apertado, mas acreditamos que pode ser cumprido",
            "É o maior investimento que a cidade viu numa década",
            "Vamos publicar cada contrato para que qualquer pessoa possa conferir",
            "Promessas são baratas; vamos julgar o plano pelos resultados",
        ),
        "fillers": (
            "Moradores de {village} dizem acompanhar o debate de perto há meses.",
            "Comerciantes de {village} esperam que o plano traga mais clientes.",
            "A prefeitura vai publicar um cronograma detalhado no seu site.",
            "A oposição pediu uma auditoria independente dos custos.",
            "Várias cidades vizinhas, entre elas {village}, acompanham o projeto de perto.",
            "Agricultores perto de {village} temem perder o acesso às lavouras durante as obras.",
            "As escolas de {village} foram orientadas a se preparar para mais trânsito.",
            "O plano ainda precisa de uma revisão ambiental final.",
            "Críticos dizem que a {org} já fez promessas parecidas em {place}.",
        ),
    },
}

# English and Indonesian put the comma inside the closing mark; the others put it outside.
COMMA_INSIDE = frozenset({"en", "id"})


@dataclass(frozen=True, slots=True)
class Name:
    """An invented name in Latin script and its Arabic spelling."""

    latin: str
    arabic: str

    def in_lang(self, lang: str) -> str:
        return self.arabic if lang == "ar" else self.latin


@dataclass(frozen=True, slots=True)
class Story:
    """The facts of one invented story, shared by every retelling of it."""

    id: str
    place: Name
    villages: tuple[Name, ...]
    org: str
    org2: str
    people: tuple[Name, Name, Name]  # chief executive, spokesperson, critic
    event: int
    n: int
    pct: int
    money: float
    date: dt.date
    date2: dt.date
    quotes: tuple[int, int, int]
    target_bytes: int
    reference_lang: str


def _word(rng: random.Random, syllables: int) -> Name:
    parts = [rng.choice(SYLLABLES) for _ in range(syllables)] + [rng.choice(FINALS)]
    latin = "".join(p[0] for p in parts)
    return Name(latin.capitalize(), "".join(p[1] for p in parts))


def _person(rng: random.Random) -> Name:
    given, family = _word(rng, rng.randint(2, 3)), _word(rng, rng.randint(2, 3))
    return Name(f"{given.latin} {family.latin}", f"{given.arabic} {family.arabic}")


def _story(rng: random.Random, index: int) -> Story:
    date = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(700))
    official, critic = rng.sample((0, 1, 2, 4, 5, 6), 2), rng.choice((3, 7))
    return Story(
        id=f"S{index:04d}",
        place=_word(rng, rng.randint(2, 3)),
        villages=tuple(_word(rng, rng.randint(2, 3)) for _ in range(4)),
        org=f"{_word(rng, 2).latin} {rng.choice(ORG_SUFFIXES)}",
        org2=f"{_word(rng, 3).latin} Alliance",
        people=(_person(rng), _person(rng), _person(rng)),
        event=rng.randrange(4),
        n=rng.randint(40, 990),
        pct=rng.randint(3, 48),
        money=rng.randint(12, 990) / 10,
        date=date,
        date2=date + dt.timedelta(days=rng.randint(20, 120)),
        quotes=(official[0], official[1], critic),
        target_bytes=rng.randint(3300, 5300),
        reference_lang=rng.choice(MAIN_LANGS),
    )


def _date(lang: str, day: dt.date) -> str:
    t = LANGS[lang]
    return t["date"].format(d=day.day, month=t["months"][day.month - 1], y=day.year)


def _quote(lang: str, text: str) -> str:
    opening, closing = LANGS[lang]["marks"]
    if lang in COMMA_INSIDE:
        return f"{opening}{text},{closing}" if text else f"{opening}{closing},"
    return f"{opening}{text}{closing}" if text else f"{opening.strip()}{closing.strip()}"


def _changed(changes: list[dict], kind: str) -> dict | None:
    return next((c for c in changes if c["kind"] == kind), None)


def render(story: Story, lang: str, changes: list[dict]) -> tuple[str, str]:
    """The title and body of one retelling of `story` in `lang`, with `changes` applied."""
    t = LANGS[lang]
    number, date = _changed(changes, "number"), _changed(changes, "date")
    empty = _changed(changes, "empty_quote")
    people = [p.in_lang(lang) for p in story.people]
    q = [t["quotes"][i] for i in story.quotes]
    if empty:
        q[empty["index"]] = ""
    event = t["events"][story.event].format(n=number["candidate"] if number else story.n)
    slots = {
        "org": story.org,
        "org2": story.org2,
        "place": story.place.in_lang(lang),
        "PLACE": story.place.in_lang(lang).upper(),
        "event": event,
        "money": t["money"].format(m=f"{story.money:.1f}".replace(".", t["decimal"])),
        "pct": t["pct"].format(p=story.pct),
        "date": _date(lang, dt.date.fromisoformat(date["candidate"]) if date else story.date),
        "date2": _date(lang, story.date2),
        "p1": people[0],
        "p2": people[1],
        "p3": people[2],
    }
    rng = random.Random(f"{story.id}-{lang}")
    core = [t["lead"], t["q1"], t["pct_line"], t["q2"], t["date2"]]
    if not _changed(changes, "dropped_person"):
        core.append(t["q3"])
    paragraphs = []
    for template in core:
        verb = rng.choice(t["verbs"])
        quotes = {f"q{i + 1}": _quote(lang, q[i]) for i in range(3)}
        paragraphs.append(template.format(verb=verb, **quotes, **slots))
    title = t["headline"].format(**slots)
    _pad(story, lang, slots, title, paragraphs)
    if _changed(changes, "ai_disclaimer"):
        paragraphs.append(t["disclaimer"])
    return title, "\n\n".join([title, *paragraphs]) + "\n"


def _pad(story: Story, lang: str, slots: dict, title: str, paragraphs: list[str]) -> None:
    """Add background paragraphs (no figures, dates or people) until the story's size."""
    fillers = LANGS[lang]["fillers"]
    # The order depends on the story alone, so every retelling carries the same background.
    order = random.Random(story.id)
    sequence = [
        (index, (round_ + index) % len(story.villages))
        for round_ in range(8)
        for index in order.sample(range(len(fillers)), len(fillers))
    ]
    core = list(paragraphs)
    buckets: list[list[str]] = [[] for _ in core]
    size = len(title.encode()) + sum(len(p.encode()) + 2 for p in core)
    for n in range(0, len(sequence) - 1, 2):
        if size >= story.target_bytes:
            break
        paragraph = " ".join(
            fillers[index].format(village=story.villages[v].in_lang(lang), **slots)
            for index, v in sequence[n : n + 2]
        )
        # Spread the background through the article rather than piling it at the end.
        buckets[(n // 2) % len(core)].append(paragraph)
        size += len(paragraph.encode()) + 2
    paragraphs[:] = [p for pair in zip(core, buckets, strict=True) for p in (pair[0], *pair[1])]


def _changes(rng: random.Random, story: Story, lang: str) -> list[dict]:
    if rng.random() < 0.4:
        return []
    kinds = rng.sample(CHANGE_KINDS, rng.choice((1, 1, 2)))
    out: list[dict] = []
    for kind in sorted(kinds, key=CHANGE_KINDS.index):
        if kind == "number":
            out.append(
                {"kind": kind, "reference": story.n, "candidate": story.n + rng.randint(7, 90)}
            )
        elif kind == "date":
            shifted = story.date + dt.timedelta(days=rng.choice((-3, -2, -1, 1, 2, 3)))
            out.append(
                {
                    "kind": kind,
                    "reference": story.date.isoformat(),
                    "candidate": shifted.isoformat(),
                }
            )
        elif kind == "empty_quote":
            index = rng.randrange(2)
            speaker = story.people[index].in_lang(lang)
            out.append({"kind": kind, "speaker": speaker, "index": index})
        elif kind == "dropped_person":
            out.append({"kind": kind, "person": story.people[2].latin, "org": story.org2})
        else:
            out.append({"kind": kind})
    return out


def _front_matter(title: str, published: dt.date, lang: str) -> str:
    return (
        f'---\ntitle: "{title}"\ndate: {published.isoformat()}\nlang: {lang}\n'
        "source: factcheck synthetic corpus\n---\n\n"
    )


def generate(out_dir: Path, *, articles: int, stories: int, seed: int = 0) -> dict:
    """Write `articles` synthetic articles telling `stories` stories, plus manifest.json."""
    if stories < 1 or articles < stories:
        raise ValueError("need at least one story and at least one article per story")
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    plan: list[tuple[Story, str, list[dict]]] = []
    retellings = 0
    for s in range(stories):
        story = _story(rng, s)
        plan.append((story, story.reference_lang, []))
        for _ in range(articles // stories + (s < articles % stories) - 1):
            retellings += 1
            if retellings % 6 == 0:
                lang = EXTRA_LANGS[(retellings // 6) % len(EXTRA_LANGS)]
            else:
                lang = rng.choice(MAIN_LANGS)
            plan.append((story, lang, _changes(rng, story, lang)))
    order = list(range(len(plan)))
    rng.shuffle(order)
    files: dict[str, dict] = {}
    groups: dict[str, dict] = {}
    for number, index in enumerate(order):
        story, lang, changes = plan[index]
        is_reference = index == 0 or plan[index - 1][0] is not story
        style = "md" if is_reference else rng.choice(("md", "md", "txt-fm", "txt"))
        name = f"article-{number:05d}.{'md' if style == 'md' else 'txt'}"
        title, body = render(story, lang, changes)
        published = story.date + dt.timedelta(days=rng.randint(0, 2))
        text = body if style == "txt" else _front_matter(title, published, lang) + body
        (out_dir / name).write_text(text, encoding="utf-8")
        group = groups.setdefault(story.id, {"reference": None, "files": []})
        group["files"].append(name)
        if is_reference:
            group["reference"] = name
        files[name] = {
            "story": story.id,
            "language": lang,
            "reference": is_reference,
            "front_matter": style != "txt",
            "changes": changes,
            "bytes": len(text.encode()),
        }
    manifest = {
        "seed": seed,
        "articles": len(files),
        "stories": {sid: groups[sid] for sid in sorted(groups)},
        "files": {name: files[name] for name in sorted(files)},
    }
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return manifest


def main(argv: list[str] | None = None) -> int:
    """Command line: write a corpus to OUT_DIR."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    manifest = generate(args.out_dir, articles=args.articles, stories=args.stories, seed=args.seed)
    total = sum(f["bytes"] for f in manifest["files"].values())
    print(
        f"{manifest['articles']} articles, {len(manifest['stories'])} stories, "
        f"{total / 1e6:.1f} MB in {args.out_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
