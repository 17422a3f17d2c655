"""How the ethics guard reads a text: one normal form for the asks and for its rules.

``normalise`` lowercases, spells out contractions, turns number words into digits and
currency signs into words, fixes a few common typos and reduces each word to a crude
stem ("hugging", "hugged", "hugs" → "hug"; "dating", "date" → "dat"). The guard's
phrases go through the same function, so a rule written as "ask someone for a hug"
also reads "Asking sb for hugs". Possessives stay visible as a separate "s" word
("a stranger's car" → "a stranger s car"), so "children's books" is not about children.
"""

import re
import unicodedata
from functools import lru_cache

# Whole-word spellings and typos people use, mapped to what they mean.
SPELLINGS = {
    "im": "i am",
    "ive": "i have",
    "youre": "you are",
    "theyre": "they are",
    "hes": "he is",
    "shes": "she is",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "isnt": "is not",
    "wasnt": "was not",
    "arent": "are not",
    "werent": "were not",
    "cant": "can not",
    "cannot": "can not",
    "couldnt": "could not",
    "wouldnt": "would not",
    "shouldnt": "should not",
    "wont": "will not",
    "havent": "have not",
    "hasnt": "has not",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "lemme": "let me",
    "its": "it s",  # "it's" as often as "its"; rules read both as "it s"
    "u": "you",
    "ur": "your",
    "ppl": "people",
    "pple": "people",
    "some1": "someone",
    "sb": "somebody",
    "sum1": "someone",
    "every1": "everyone",
    "any1": "anyone",
    "tho": "though",
    "thru": "through",
    "pls": "please",
    "plz": "please",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "b4": "before",
    "2day": "today",
    "2nite": "tonight",
    "gf": "girlfriend",
    "bf": "boyfriend",
    "yr": "year",
    "yrs": "years",
    "insta": "instagram",
    "ig": "instagram",
    "pic": "picture",
    "pics": "pictures",
    "vid": "video",
    "vids": "videos",
    "num": "number",
    "ok": "okay",
    "mum": "mom",
    "mom": "mom",
    "mam": "mom",
    "neighbor": "neighbour",
    "neighbors": "neighbours",
    "favorite": "favourite",
    "untill": "until",
    "realy": "really",
    "freind": "friend",
    "freinds": "friends",
    "frend": "friend",
    "frends": "friends",
    "adress": "address",
    "adresses": "addresses",
    "addres": "address",
    "strnager": "stranger",
    "stanger": "stranger",
    "strager": "stranger",
    "strangr": "stranger",
    "stragner": "stranger",
    "strangers's": "strangers",
    "recieve": "receive",
    "beleive": "believe",
    "wierd": "weird",
    "atractive": "attractive",
    "attracive": "attractive",
    "prety": "pretty",
    "beutiful": "beautiful",
    "beautifull": "beautiful",
    "numbr": "number",
    "nuber": "number",
    "phne": "phone",
    "hte": "the",
    "teh": "the",
    "waitres": "waitress",
    "barrista": "barista",
    "mony": "money",
    "monney": "money",
    "massge": "massage",
    "kis": "kiss",
    "huggs": "hugs",
    "teenagr": "teenager",
    "childs": "children",
    "kiddo": "kid",
    "kiddos": "kids",
    "passerby": "passer by",
    "passersby": "passers by",
    "bystander": "passer by",
    "bystanders": "passers by",
}

NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "grand": 1000, "million": 1_000_000}
CURRENCY = {"$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₹": "rupee"}

# Irregular forms reduced to the word they come from (before stemming).
IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "gave": "give",
    "given": "give",
    "lent": "lend",
    "bought": "buy",
    "took": "take",
    "taken": "take",
    "went": "go",
    "gone": "go",
    "came": "come",
    "got": "get",
    "gotten": "get",
    "met": "meet",
    "paid": "pay",
    "sent": "send",
    "kept": "keep",
    "made": "make",
    "brought": "bring",
    "thought": "think",
    "sold": "sell",
    "stole": "steal",
    "stolen": "steal",
    "drove": "drive",
    "driven": "drive",
    "wore": "wear",
    "worn": "wear",
    "broke": "break",
    "broken": "break",
    "hid": "hide",
    "hidden": "hide",
    "slept": "sleep",
    "felt": "feel",
    "held": "hold",
    "ran": "run",
    "rang": "ring",
    "rung": "ring",
    "wrote": "write",
    "written": "write",
    "caught": "catch",
    "found": "find",
    "knew": "know",
    "known": "know",
    "fell": "fall",
    "saw": "see",
    "seen": "see",
    "did": "do",
    "done": "do",
    "does": "do",
    "goes": "go",
    "has": "have",
    "had": "have",
    "is": "be",
    "am": "be",
    "are": "be",
    "was": "be",
    "were": "be",
    "been": "be",
    "being": "be",
    "children": "child",
    "kids": "kid",
    "women": "woman",
    "men": "man",
    "ladies": "lady",
    "people": "person",
    "persons": "person",
    "folks": "person",
    "folk": "person",
    "teeth": "tooth",
    "feet": "foot",
    "lying": "lie",
    "lied": "lie",
    "dying": "die",
    "died": "die",
    "sat": "sit",
    "stood": "stand",
    "spent": "spend",
    "built": "build",
    "dealt": "deal",
    "meant": "mean",
    "left": "left",  # the side as often as the verb
    "this": "this",
    "his": "his",
    "yes": "yes",
    "us": "us",
    "bus": "bus",
    "gas": "gas",
    "plus": "plus",
    "news": "news",
    "bonus": "bonus",
    "status": "status",
    "campus": "campus",
    "always": "always",
    "series": "series",
    "species": "species",
    "glasses": "glass",
    "business": "business",
    "address": "address",
    "addresses": "address",
    "dress": "dress",
    "less": "less",
    "unless": "unless",
    "across": "across",
    "police": "police",
    "office": "office",
    "single": "single",
    "singles": "single",
    "wedding": "wedding",
    "evening": "evening",
    "morning": "morning",
    "during": "during",
    "nothing": "nothing",
    "something": "something",
    "anything": "anything",
    "everything": "everything",
    "thing": "thing",
    "things": "thing",
    "ceiling": "ceiling",
    "sibling": "sibling",
    "siblings": "sibling",
    "darling": "darling",
    "building": "building",
    "ring": "ring",
    "bring": "bring",
    "string": "string",
    "king": "king",
    "spring": "spring",
    "swing": "swing",
    "sing": "sing",
    "wing": "wing",
    "need": "need",
    "needed": "need",
    "feed": "feed",
    "speed": "speed",
    "seed": "seed",
    "bed": "bed",
    "red": "red",
    "wed": "wed",
    "shed": "shed",
}

_CONTRACTIONS = (
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"\bain't\b"), "is not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"\b(i|you|we|they|who)'ve\b"), r"\1 have"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"\bi'm\b"), "i am"),
    (re.compile(r"\blet's\b"), "let us"),
    (re.compile(r"\b(he|she|it|that|there|what|who|where|here|how|everyone|nobody)'s\b"), r"\1 is"),
    # What is left is a possessive: keep it as a word of its own.
    (re.compile(r"(\w)'s\b"), r"\1 s"),
    (re.compile(r"(\w)s'(?=\s|$)"), r"\1s s"),
)
_AGE = re.compile(r"\b(\d+)\s*(?:-\s*)?(?:yo|y/o|y\.o\.?|yrs?\.?\s*old|years?[\s-]*old)\b")
_AMOUNT_AFTER = re.compile(r"(\d)\s*([$€£¥₹])")
_AMOUNT_BEFORE = re.compile(r"([$€£¥₹])\s*(\d+)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")
_UNDOUBLE = re.compile(r"([b-df-hj-km-np-rtv-z])\1$")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    if word in IRREGULAR:
        # The base form goes through the same rules as a regular word ("made" → "make"
        # → "mak", like "make" itself), unless it is listed as its own base form.
        base = IRREGULAR[word]
        return IRREGULAR[base] if base in IRREGULAR else stem(base)
    if len(word) <= 3 or word.isdigit():
        return word
    if (word.endswith("ies") and len(word) > 4) or (word.endswith("ied") and len(word) > 4):
        word = word[:-3] + "y"
    elif word.endswith("ing") and len(word) > 5:
        word = _undouble(word[:-3])
    elif word.endswith("ed") and len(word) > 4 and not word.endswith("eed"):
        word = _undouble(word[:-2])
    elif word.endswith("es") and re.search(r"(?:[sxz]|ch|sh)es$", word):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("e") and len(word) > 3 and not word.endswith("ee"):
        word = word[:-1]
    return word


def _undouble(word: str) -> str:
    # "hugg" → "hug", "stopp" → "stop"; "kiss", "call", "buzz" keep theirs.
    return word[:-1] if _UNDOUBLE.search(word) and word[-1] not in "lsz" else word


def _numbers(words: list[str]) -> list[str]:
    """Number words → digits: "fifty" → 50, "two hundred" → 200, "a hundred" → 100."""
    out: list[str] = []
    total: int | None = None
    for word in words:
        if word in NUMBERS:
            total = (total or 0) + NUMBERS[word]
            continue
        if word in SCALES and (total is not None or (out and out[-1] in ("a", "one"))):
            if total is None:
                out.pop()
                total = 1
            total *= SCALES[word]
            continue
        if word == "and" and total is not None and total >= 100:
            continue
        if total is not None:
            out.append(str(total))
            total = None
        out.append(word)
    if total is not None:
        out.append(str(total))
    return out


def words(text: str) -> list[str]:
    """The text as a list of normalised, unstemmed words."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'").replace("´", "'")
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = _THOUSANDS.sub("", text)
    text = _AGE.sub(r"\1 year old", text)
    text = _AMOUNT_AFTER.sub(r"\1 \2", text)
    text = _AMOUNT_BEFORE.sub(r"\2 \1", text)  # "$5" → "5 $": the amount, then its unit
    for sign, name in CURRENCY.items():
        text = text.replace(sign, f" {name} ")
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"(\d)k\b", r"\g<1>000", text)
    text = _NOT_WORD.sub(" ", text.replace("'", " "))
    out: list[str] = []
    for word in text.split():
        out.extend(SPELLINGS.get(word, word).split())
    return _numbers(_possessives(out))


# Places and things whose owner people often write without the apostrophe:
# "the recruiters house" → "the recruiter s house".
OWNED = frozenset(
    (
        "house",
        "home",
        "flat",
        "apartment",
        "place",
        "doorstep",
        "door",
        "front",
        "garden",
        "backyard",
        "yard",
        "car",
        "bedroom",
        "room",
        "party",
        "wedding",
        "number",
        "address",
        "phone",
        "email",
        "instagram",
        "snapchat",
        "cottage",
        "cabin",
        "caravan",
        "boat",
        "tent",
    )
)


def _possessives(words: list[str]) -> list[str]:
    out: list[str] = []
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if (
            following in OWNED
            and len(word) > 4
            and word.endswith("s")
            and not word.endswith(("ss", "us", "is", "ous"))
            and word not in IRREGULAR
            and (i == 0 or words[i - 1] in ("the", "my", "a", "her", "his", "their", "our"))
        ):
            out.extend((word[:-1], "s"))
        else:
            out.append(word)
    return out


def normalise(text: str) -> str:
    """The text in the guard's normal form: stems separated by single spaces."""
    return " ".join(stem(word) for word in words(text))
