"""German filler prose for the benchmark corpus, from word lists and sentence templates.

Grammar is fixed per template slot (nominative/accusative plural nouns in
``{topic}``, dative forms in ``{topic_dat}`` and so on), so the text reads like
German news and course announcements without any external data. Everything is
drawn from the ``random.Random`` that the caller passes in, so the output is a
pure function of its seed.
"""

from __future__ import annotations

import random
import re

# (nominative/accusative plural, dative plural)
TOPICS = (
    ("Wasserstoffanwendungen", "Wasserstoffanwendungen"),
    ("Elektrolyseure", "Elektrolyseuren"),
    ("Brennstoffzellen", "Brennstoffzellen"),
    ("Photovoltaikanlagen", "Photovoltaikanlagen"),
    ("Windenergieanlagen", "Windenergieanlagen"),
    ("Batteriespeicher", "Batteriespeichern"),
    ("Wärmepumpen", "Wärmepumpen"),
    ("Wasserstofftankstellen", "Wasserstofftankstellen"),
    ("Energiespeicher", "Energiespeichern"),
    ("Biogasanlagen", "Biogasanlagen"),
    ("Wärmenetze", "Wärmenetzen"),
    ("Ladesäulen", "Ladesäulen"),
)
GROUPS = (
    ("Fachkräfte", "Fachkräften"),
    ("Auszubildende", "Auszubildenden"),
    ("Beschäftigte kleiner und mittlerer Unternehmen", "Beschäftigten kleiner und mittlerer Unternehmen"),
    ("Ingenieurinnen und Ingenieure", "Ingenieurinnen und Ingenieuren"),
    ("Meisterinnen und Meister", "Meisterinnen und Meistern"),
    ("Quereinsteigende", "Quereinsteigenden"),
    ("Lehrkräfte an Berufsschulen", "Lehrkräften an Berufsschulen"),
    ("Verantwortliche aus Kommunen", "Verantwortlichen aus Kommunen"),
)
CITIES = (
    "Cottbus", "Lübbenau", "Senftenberg", "Spremberg", "Hoyerswerda", "Weißwasser",
    "Guben", "Forst (Lausitz)", "Finsterwalde", "Lauchhammer", "Calau", "Großräschen",
)
ACTIVITIES = (
    "Der Lehrgang", "Das Seminar", "Der Workshop", "Die Schulung", "Die Exkursion",
    "Das Praxismodul", "Die Fachtagung", "Der Infotag", "Das Webinar", "Die Sommerschule",
)
SECTORS = (
    "der Industrie", "kommunalen Betrieben", "der Energiewirtschaft", "Handwerksbetrieben",
    "der Landwirtschaft", "der Logistik", "der Wohnungswirtschaft", "Verkehrsbetrieben",
)
VENUES = ("das Technikum", "die Versuchshalle", "die Lehrwerkstatt", "das Labor", "den Schulungsraum")
DURATIONS = ("einen Tag", "zwei Tage", "drei Tage", "eine Woche", "vier Wochen", "sechs Monate")
NUMBERS = ("zwölf", "fünfzehn", "zwanzig", "rund dreißig", "mehr als vierzig", "knapp sechzig")

SENTENCES = (
    "{activity} richtet sich an {group} und vermittelt Grundlagen zu {topic_dat}.",
    "Im Mittelpunkt stehen {topic} und ihr Einsatz in {sector}.",
    "Die Teilnehmenden lernen, wie {topic} geplant, installiert und sicher betrieben werden.",
    "In {city} kamen {number} {group} zusammen, um Erfahrungen mit {topic_dat} auszutauschen.",
    "Die Nachfrage nach Weiterbildungen zu {topic_dat} ist im Jahr {year} deutlich gestiegen.",
    "Praxisnahe Übungen an realen Anlagen ergänzen die theoretischen Einheiten.",
    "Wer teilnehmen möchte, meldet sich über das Anmeldeformular an; die Zahl der Plätze ist begrenzt.",
    "Für {group} gibt es zusätzlich eine Beratung zu Fördermöglichkeiten.",
    "Die Referentinnen und Referenten kommen aus Unternehmen, Hochschulen und Kammern der Lausitz.",
    "Gerade für kleine und mittlere Unternehmen ist es wichtig, früh Wissen über {topic} aufzubauen.",
    "Der Strukturwandel in der Lausitz verlangt neue Kompetenzen, etwa im Umgang mit {topic_dat}.",
    "Viele Betriebe in {city} und Umgebung wollen in den kommenden Jahren in {topic} investieren.",
    "Das Programm verbindet berufliche und akademische Weiterbildung und schließt mit einem Zertifikat ab.",
    "Die Unterlagen stehen nach der Anmeldung zum Herunterladen bereit.",
    "Fragen zu Inhalten und Ablauf beantwortet das Projektbüro gern per E-Mail.",
    "Zum Abschluss diskutierten die Teilnehmenden, welche Schritte als Nächstes folgen sollen.",
    "Ein Schwerpunkt liegt auf Sicherheit, Wartung und dem wirtschaftlichen Betrieb von {topic_dat}.",
    "Neben Vorträgen gibt es Gelegenheit zum Austausch mit {group_dat} aus anderen Betrieben.",
    "Die Veranstaltung findet in deutscher Sprache statt; Vorkenntnisse sind nicht erforderlich.",
    "{activity} dauert {duration} und umfasst Theorie, Praxis und eine kurze Abschlussprüfung.",
    "Mit {topic_dat} entstehen in der Region neue Arbeitsplätze, für die qualifiziertes Personal gebraucht wird.",
    "Die Ergebnisse fließen in die Planung weiterer Angebote für das Jahr {next_year} ein.",
    "Betriebe, die {group} für die Weiterbildung freistellen, können unter Umständen Fördermittel beantragen.",
    "Der Verbund arbeitet dabei eng mit Betrieben, Bildungsträgern und Kommunen zusammen.",
    "Besonders gefragt waren Beispiele aus der Praxis, etwa zur Wartung von {topic_dat}.",
    "Die Anmeldung ist bis kurz vor Beginn möglich, sofern noch Plätze frei sind.",
    "Im zweiten Teil ging es um rechtliche Rahmenbedingungen und Normen für {topic}.",
    "Ein kurzer Rundgang durch {venue} rundete das Programm ab.",
    "Wie sich {topic} in bestehende Anlagen einbinden lassen, zeigten mehrere Beispiele aus {city}.",
    "Auch Fragen der Arbeitssicherheit und des Brandschutzes kamen ausführlich zur Sprache.",
    # Typed as editors type them on a German keyboard: straight quotes, "--", "...".
    'Der Lehrgang "Praxiswissen {topic}" beginnt im Frühjahr {next_year}.',
    "Wie geht's weiter? Die Planung für {next_year} läuft -- Vorschläge sind willkommen.",
    'Viele fragten: "Gibt es das Angebot auch in {city}?"',
    "Theorie, Praxis, Prüfung ... und danach ein Zertifikat, das Betriebe kennen.",
)
LINK_SENTENCES = (
    "Weitere Termine finden Sie im [Veranstaltungskalender](/veranstaltungen/).",
    "Alle Meldungen stehen unter [Aktuelles](/aktuelles/).",
    "Eine Übersicht über die Lehrgänge gibt es unter [Kurse](/kurse/).",
    "Hintergründe zu {topic_dat} bietet die [Themenseite](https://example.org/themen/{topic_slug}/).",
    "Das ausführliche Programm steht als [PDF zum Herunterladen](https://example.org/programm/{year}.pdf) bereit.",
)
HEADINGS = (
    "Worum es geht", "Inhalte im Überblick", "Für wen ist das Angebot?", "Ablauf und Organisation",
    "Hintergrund", "Stimmen aus der Praxis", "Wie geht es weiter?", "Anmeldung und Kosten",
    "Ergebnisse", "Praxisteil", "Ausblick", "Voraussetzungen",
)
LIST_ITEMS = (
    "Grundlagen zu {topic_dat}",
    "Sicherheit im Umgang mit {topic_dat}",
    "Planung und Genehmigung von {topic_dat}",
    "Wartung und Instandhaltung",
    "Wirtschaftlichkeit und Förderung",
    "Praxisübungen in kleinen Gruppen",
    "Exkursion zu einem Betrieb in {city}",
    "Normen, Richtlinien und Prüfpflichten",
    "Abschlussgespräch und Zertifikat",
)
QUOTES = (
    "Wir brauchen gut ausgebildete Leute, die {topic} nicht nur kennen, sondern auch betreiben können.",
    "Die Verbindung von Theorie und Praxis hat mich überzeugt.",
    "Für unseren Betrieb in {city} war das genau die richtige Weiterbildung.",
)
TITLES = (
    "{activity_noun} zu {topic_dat} in {city}",
    "Neue Kurse für {group}: {topic} im Fokus",
    "{topic}: Weiterbildung startet in {city}",
    "Rückblick: Fachtag {topic} in {city}",
    "Mehr Plätze für Lehrgänge zu {topic_dat}",
    "{group} informieren sich über {topic}",
    "Praxiswissen zu {topic_dat} für {group}",
    "{city}: {activity_noun} über {topic}",
)
SUMMARIES = (
    "{activity} richtet sich an {group} und vermittelt Grundlagen zu {topic_dat}.",
    "In {city} ging es um {topic} und ihren Einsatz in {sector}.",
    "Ein Angebot für {group}: Praxiswissen zu {topic_dat}, mit Zertifikat.",
    "Was {group} über {topic} wissen sollten, zeigt ein neues Angebot in {city}.",
)


def slots(rng: random.Random, year: int) -> dict[str, str]:
    """One consistent set of fillers (a text keeps its topic, group and city)."""
    topic, topic_dat = rng.choice(TOPICS)
    group, group_dat = rng.choice(GROUPS)
    activity = rng.choice(ACTIVITIES)
    return {
        "topic": topic,
        "topic_dat": topic_dat,
        "topic_slug": ascii_slug(topic),
        "group": group,
        "group_dat": group_dat,
        "city": rng.choice(CITIES),
        "activity": activity,
        "activity_noun": activity.split(" ", 1)[1],
        "sector": rng.choice(SECTORS),
        "venue": rng.choice(VENUES),
        "duration": rng.choice(DURATIONS),
        "number": rng.choice(NUMBERS),
        "year": str(year),
        "next_year": str(year + 1),
    }


def title(rng: random.Random, fill: dict[str, str]) -> str:
    return _capitalise(rng.choice(TITLES).format(**fill))


def summary(rng: random.Random, fill: dict[str, str]) -> str:
    return _capitalise(rng.choice(SUMMARIES).format(**fill))


def body(rng: random.Random, fill: dict[str, str], words: int) -> str:
    """Markdown of about ``words`` words: paragraphs, headings, lists, links, emphasis."""
    blocks = [_paragraph(rng, fill, rng.randint(4, 6))]
    blocks_words = _count(blocks[0])
    headings = list(HEADINGS)
    rng.shuffle(headings)
    while blocks_words < words:
        kind = rng.random()
        if kind < 0.25 and headings:
            block = "## " + headings.pop() + "\n\n" + _paragraph(rng, fill, rng.randint(2, 5))
        elif kind < 0.40:
            block = _list(rng, fill)
        elif kind < 0.45:
            open_, close = ("„", "“") if rng.random() < 0.5 else ('"', '"')
            block = "> " + open_ + rng.choice(QUOTES).format(**fill) + close
        elif kind < 0.48:
            block = _table(rng, fill)
        elif kind < 0.52:
            block = f"### Modul {rng.randint(1, 6)}: {fill['topic']}\n\n" + _paragraph(rng, fill, 2)
        else:
            block = _paragraph(rng, fill, rng.randint(3, 6))
        blocks.append(block)
        blocks_words += _count(block)
    return "\n\n".join(blocks) + "\n"


def _paragraph(rng: random.Random, fill: dict[str, str], count: int) -> str:
    sentences = [sentence.format(**fill) for sentence in rng.sample(SENTENCES, count)]
    if rng.random() < 0.5:
        sentences.append(rng.choice(LINK_SENTENCES).format(**fill))
    text = " ".join(_capitalise(sentence) for sentence in sentences)
    # Emphasis on the first mention of the topic or the city, as editors do.
    if rng.random() < 0.6:
        word = fill["topic"] if rng.random() < 0.5 else fill["city"]
        marker = "**" if rng.random() < 0.5 else "*"
        text = text.replace(word, f"{marker}{word}{marker}", 1)
    return text


def _list(rng: random.Random, fill: dict[str, str]) -> str:
    items = rng.sample(LIST_ITEMS, rng.randint(3, 6))
    if rng.random() < 0.3:
        return "\n".join(f"{n}. {item.format(**fill)}" for n, item in enumerate(items, 1))
    return "\n".join(f"- {item.format(**fill)}" for item in items)


def _table(rng: random.Random, fill: dict[str, str]) -> str:
    rows = ["| Modul | Inhalt | Dauer |", "|---|---|---|"]
    for number in range(1, rng.randint(3, 5)):
        item = rng.choice(LIST_ITEMS).format(**fill)
        rows.append(f"| {number} | {item} | {rng.choice(DURATIONS)} |")
    return "\n".join(rows)


def _count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def ascii_slug(text: str) -> str:
    """A plain lowercase ASCII slug, German transliteration (ä → ae, ß → ss)."""
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.lower().replace(umlaut, plain)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
