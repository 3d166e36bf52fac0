"""Who said a figure, read from the sentence it is in: the speaker ("the Health Ministry",
"diplomatic sources") and, where the copy names one, the outlet that carried it ("told
Reuters", "in a statement carried by IRNA", "quoted by ISNA").

The rules follow how agency English attributes: "X said" and "said X" around a clause,
"according to X", "X told <outlet>", "X was quoted by <outlet>", "…, <outlet> reported".
"he", "she", "it" and "they" are the last speaker named before them."""

import re
from dataclasses import dataclass

SAY_VERBS = (
    "said|says|say|told|tells|reported|reports|announced|announces|estimated|estimates|"
    "added|adds|stated|states|noted|warned|warns|confirmed|confirms|claimed|insisted|wrote|"
    "tweeted|posted|disclosed|revealed|showed|show|shows|forecast|forecasts|predicted|"
    "projected|counted|recorded|registered|put|puts|quoted|cited"
)
_VERB = re.compile(rf"\b(?P<verb>{SAY_VERBS})\b")
# Between a speaker and its verb: "the ministry also said", "the IAEA on Monday said".
_MIDDLE = re.compile(
    r"(?:\s+(?:also|later|earlier|separately|previously|has|have|had|would|will|on\s+\w+|"
    r"in\s+a\s+statement))+\s*$",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|be|being)\s*$", re.IGNORECASE)
# Where a speaker phrase begins when read backwards from its verb.
_LEFT_EDGE = re.compile(
    r"""(?:^|[,;:"“”‘(\[—–]|\s-\s|\b(?:that|while|but|and|as|because|after|when|where|
    which|although|though|whereas|since|if|so|than|who)\b)(?=[^,;:"“”(\[—–]*$)""",
    re.IGNORECASE | re.VERBOSE,
)
_LEFT_EDGE_WORD = re.compile(r"\b(?:that|while|but|because|when|which|who)\b|\d")
_RIGHT_EDGE = re.compile(
    r"""[,;:.!?"“”(\[—–]|\s-\s|\s(?:on|in|at|who|which|that|as|while|citing|released|
    published|issued|after|before|from\s+the\s+\w+\s+on)\s""",
    re.IGNORECASE | re.VERBOSE,
)
_SOURCE_NOUNS = (
    r"(?:an?\s+|the\s+)?(?:(?:latest|new|official|preliminary|final|daily|weekly|monthly|"
    r"annual|initial|provisional)\s+)?(?:report|statement|figures|data|estimates?|tally|count|"
    r"survey|study|poll|assessment|document|letter|release|analysis|toll|numbers|"
    r"statistics|calculations?)"
)
_SOURCE_OF = re.compile(
    rf"^{_SOURCE_NOUNS}\s+(?:(?:released|published|issued|compiled|cited|seen)\s+)?"
    r"(?:from|by|of)\s+",
    re.IGNORECASE,
)
_POSSESSIVE_SOURCE = re.compile(rf"^(?P<owner>.+?)['’]s?\s+{_SOURCE_NOUNS}$", re.IGNORECASE)
# "Chinese customs data showed", "government figures showed": the owner speaks.
_TRAILING_SOURCE = re.compile(r"\s+(?:data|figures|estimates)$")
# After "told": the outlet ends before "by telephone", "that …", "late on Monday".
_TOLD_TAIL = re.compile(r"\s(?:by|via|that|late|earlier|about|over)\s.*$", re.IGNORECASE)
PRONOUNS = {"he", "she", "it", "they", "we", "i"}
SPEAKER_REACH = 240  # characters read back from a verb for its speaker
NOT_SPEAKERS = {"there", "this", "these", "those", "which", "what", "and"}
ARTICLES = {"a", "an", "the"}

OUTLET_NAMES = (
    "Reuters|AP|Associated Press|AFP|Agence France-Presse|Agence France Presse|IRNA|ISNA|"
    "Tasnim|Fars|Mehr|ILNA|Xinhua|TASS|RIA Novosti|RIA|Interfax|Anadolu|Anadolu Agency|"
    "Yonhap|Kyodo|Bloomberg|BBC|CNN|Al Jazeera|Al Arabiya|Press TV|dpa|DPA|ANSA|EFE|PTI|ANI|"
    "SPA|WAM|KUNA|QNA|MENA|Bernama|Antara|NHK|Sputnik|Axios|Politico|the Financial Times|"
    "Financial Times|the Wall Street Journal|the New York Times|the Washington Post|"
    "the Guardian|state television|state TV|state media|state radio|state broadcaster|"
    "the state news agency|the official news agency|IRIB|Kyiv Independent|Ukrinform|WAFA|"
    "Petra|SANA|Saba|NNA|APS|Ynet|Haaretz|Channel 12|Kan|Ma'an"
)
_OUTLET = re.compile(
    rf"^(?:(?:the\s+)?(?:semi-official\s+|official\s+|state-run\s+|state\s+)?(?:{OUTLET_NAMES})"
    r"(?i:\s+news\s+agency|\s+agency|\s+television|\s+TV)?"
    r"|(?:the\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){0,3}\s+(?i:news\s+agency|agency|television|TV|radio|"
    r"newspaper|daily|broadcaster|channel|news\s+website|website|newswire|wire|wire\s+service|"
    r"press|news))$",
)
# After "told": an outlet, or an audience that is not one.
_AUDIENCE = re.compile(
    r"^(?:reporters|journalists|a\s+news\s+conference|a\s+press\s+conference|a\s+briefing|"
    r"parliament|lawmakers|legislators|the\s+\w+\s+council|the\s+\w+\s+assembly|a\s+\w+)",
    re.IGNORECASE,
)
_CARRIED = re.compile(
    r"\b(?:carried|cited|published|quoted|run|reported|seen)\s+by\s+(?P<outlet>[^,;.]+?)"
    r"(?=\s+(?:as|that|on|in)\b|[,;.]|$)|\bin\s+an?\s+interview\s+with\s+(?P<outlet2>[^,;.]+?)(?=[,;.]|"
    r"\s+on\s|$)",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)


@dataclass
class Cue:
    """One attribution in a sentence: where its verb is, who and through whom."""

    anchor: int  # the verb's (or "according to"'s) offset in the sentence
    end: int  # the end of the attribution phrase
    speaker: str = ""
    outlet: str = ""
    speaker_span: tuple = (0, 0)


def is_outlet(phrase: str) -> bool:
    return bool(_OUTLET.match(phrase.strip()))


def clean_speaker(phrase: str) -> str:
    phrase = " ".join(phrase.strip(" ,'\"“”‘’").split())
    phrase = _SOURCE_OF.sub("", phrase)
    owner = _POSSESSIVE_SOURCE.match(phrase)
    if owner:
        phrase = owner["owner"]
    phrase = _TRAILING_SOURCE.sub("", phrase)
    phrase = re.sub(r"^(?:the|The)\s+", "", phrase)
    return phrase


def _valid(phrase: str) -> bool:
    words = phrase.split()
    return (
        0 < len(words) <= 12
        and not re.search(r"\d", phrase)
        and any(ch.isalpha() for ch in phrase)
        and words[0].lower() not in NOT_SPEAKERS
        and not (len(words) == 1 and words[0].lower() in ARTICLES)  # "An estimated 45,000"
        and not (words[0].islower() and words[0].endswith("ing"))  # "beating forecasts"
        # "the IMF cut its forecast": a clause with its own verb, not who speaks
        and not {"its", "their"} & {word.lower() for word in words}
    )


def _left_phrase(before: str) -> tuple[str, int]:
    """The phrase that ends where `before` ends, back to a clause boundary, and its start.
    A speaker followed by an apposition ("Ali Rezaei, a ministry spokesman, said") is
    the name before it. Only the last words are read: a speaker is a few words long, and
    a run-on "sentence" (a list, a table) must not cost its length squared."""
    offset = max(0, len(before) - SPEAKER_REACH)
    phrase, start = _left_phrase_near(before[offset:])
    return phrase, start + offset


def _left_phrase_near(before: str) -> tuple[str, int]:
    before = _MIDDLE.sub("", before)
    apposition = re.search(r",([^,]+),\s*$", before)
    if apposition and not _LEFT_EDGE_WORD.search(apposition[1]):
        name, start = _left_phrase_near(before[: apposition.start()])
        if name:
            return name, start
    edges = list(_LEFT_EDGE.finditer(before))
    start = edges[-1].end() if edges else 0
    return before[start:].strip(), start + (len(before[start:]) - len(before[start:].lstrip()))


def _right_phrase(after: str) -> str:
    after = after[:SPEAKER_REACH]
    match = _RIGHT_EDGE.search(after)
    return after[: match.start()] if match else after


def _after_verb(sentence: str, cue: Cue, verb: str) -> None:
    """ "told Reuters", "quoted by ISNA", "said in a statement carried by IRNA"."""
    rest = sentence[cue.end :]
    if verb in ("told", "tells"):
        target = _TOLD_TAIL.sub("", _right_phrase(rest.lstrip()))
        # "told Reuters", "told Levant Newswire": a named outlet; not "told Parliament".
        named = re.fullmatch(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}", target.strip())
        if is_outlet(target) or (named and not _AUDIENCE.match(target.strip())):
            cue.outlet = clean_outlet(target)


def clean_outlet(phrase: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(phrase.split()).strip(" ,."))


def find_cues(sentence: str) -> list[Cue]:
    """Every attribution in one sentence, in order."""
    cues = []
    for match in _VERB.finditer(sentence):
        verb = match["verb"]
        before = sentence[: match.start()]
        if verb in ("quoted", "cited"):
            # "X was quoted by ISNA as saying": X speaks, the outlet is read below.
            if not re.search(r"\bwas\s*$", before):
                continue
            before = re.sub(r"\s*\bwas\s*$", " ", before)
        elif _PASSIVE.search(before):
            continue  # "12 cases were reported": nobody is named
        phrase, start = _left_phrase(before)
        cue = Cue(anchor=match.start(), end=match.end())
        speaker = clean_speaker(phrase)
        if speaker and _valid(speaker):
            cue.speaker, cue.speaker_span = speaker, (start, match.start())
        elif not phrase or phrase.lower().startswith(("said", "says")):
            # Inverted: "…, said the Health Ministry."
            after = _right_phrase(sentence[match.end() :].lstrip())
            speaker = clean_speaker(after)
            if not (speaker and _valid(speaker)) or verb not in ("said", "says", "added"):
                continue
            offset = match.end() + (
                len(sentence[match.end() :]) - len(sentence[match.end() :].lstrip())
            )
            cue.speaker, cue.speaker_span = speaker, (offset, offset + len(after))
            cue.end = offset + len(after)
        else:
            continue
        _after_verb(sentence, cue, verb)
        cues.append(cue)
    for match in _ACCORDING.finditer(sentence):
        target = clean_speaker(_right_phrase(sentence[match.end() :]))
        if target and _valid(target):
            end = match.end() + len(target)
            cues.append(Cue(match.start(), end, target, "", (match.end(), end)))
    cues.sort(key=lambda cue: cue.anchor)
    return _merge_outlets(sentence, cues)


def _merge_outlets(sentence: str, cues: list[Cue]) -> list[Cue]:
    """An outlet reporting what someone else said is that speaker's outlet: "the ministry
    said …, IRNA reported", "according to IRNA" after "the ministry said", "carried by"."""
    carried = [m["outlet"] or m["outlet2"] for m in _CARRIED.finditer(sentence)]
    speakers = [cue for cue in cues if not is_outlet(cue.speaker)]
    if speakers:
        for cue in cues:
            if is_outlet(cue.speaker) and cue not in speakers:
                carried.append(cue.speaker)
        cues = speakers
    for outlet in map(clean_outlet, carried):
        if is_outlet(outlet) or outlet[:1].isupper():
            for cue in cues:
                cue.outlet = cue.outlet or clean_outlet(outlet)
    return cues


def nearest(cues: list[Cue], position: int) -> Cue | None:
    """The attribution that covers a figure at `position`: the closest verb to it."""
    if not cues:
        return None
    return min(cues, key=lambda cue: abs(cue.anchor - position))
