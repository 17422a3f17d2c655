"""Reading a "to" text as people write it: "Dana Lee, Acme", "Acme Corp", "Dana"."""

# Words that mark a name as an organisation when no person is given.
_COMPANY_WORDS = {
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "ltd",
    "ltd.",
    "llc",
    "gmbh",
    "ag",
    "plc",
    "co",
    "co.",
    "company",
    "group",
    "agency",
    "studio",
    "studios",
    "university",
    "college",
    "school",
    "magazine",
    "journal",
    "podcast",
    "foundation",
    "bank",
    "labs",
    "media",
    "press",
    "records",
    "gallery",
    "hotel",
    "restaurant",
    "cafe",
    "café",
    "shop",
    "store",
    "library",
    "museum",
    "council",
    "club",
    "theatre",
    "theater",
    "festival",
    "network",
    "partners",
    "ventures",
    "capital",
    "institute",
    "society",
    "association",
    "hospital",
    "clinic",
    "bakery",
    "books",
    "bookshop",
    "radio",
    "tv",
    "news",
    "times",
    "review",
}


def parse_to(text: str) -> tuple[str, str]:
    """Split "Dana Lee, Acme" into (person, company).

    One name alone is a company when it reads like one ("Acme Corp"), else a person.
    """
    text = " ".join((text or "").split())
    if not text:
        return "", ""
    if "," in text:
        person, _, company = text.partition(",")
        return person.strip(), company.strip()
    words = {w.casefold() for w in text.split()}
    if words & _COMPANY_WORDS:
        return "", text
    return text, ""
