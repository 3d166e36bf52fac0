"""Words that name the same thing across English and Persian: places, people, bodies,
weekdays, and the few news terms copies of one event share whatever their language.
Each maps to one canonical English key. A copy's names and numbers are what a translated
copy still shares with the original (bench/same_event.py measures how far that goes)."""

LEXICON = {
    # places
    "iran": ["ایران"],
    "tehran": ["تهران"],
    "kerman": ["کرمان"],
    "rayen": ["راین"],
    "khoy": ["خوی"],
    "azarbaijan": ["آذربایجان"],
    "isfahan": ["اصفهان"],
    "mazandaran": ["مازندران"],
    "sari": ["ساری"],
    "sistan": ["سیستان"],
    "baluchestan": ["بلوچستان"],
    "tabriz": ["تبریز"],
    "mashhad": ["مشهد"],
    "shiraz": ["شیراز"],
    "muscat": ["مسقط"],
    "oman": ["عمان"],
    "doha": ["دوحه"],
    "qatar": ["قطر"],
    "vienna": ["وین"],
    "iraq": ["عراق"],
    "baghdad": ["بغداد"],
    "beirut": ["بیروت"],
    "lebanon": ["لبنان"],
    "syria": ["سوریه"],
    "damascus": ["دمشق"],
    "moscow": ["مسکو"],
    "russia": ["روسیه"],
    "china": ["چین"],
    "beijing": ["پکن"],
    "washington": ["واشنگتن"],
    "azadi": ["آزادی"],
    # people
    "grossi": ["گروسی"],
    "eslami": ["اسلامی"],
    "araghchi": ["عراقچی"],
    "albusaidi": ["البوسعیدی"],
    "farzin": ["فرزین"],
    "torabi": ["ترابی"],
    "pezeshkian": ["پزشکیان"],
    "tamim": ["تمیم"],
    # bodies, clubs, markets
    "iaea": ["آژانس"],
    "opec": ["اوپک"],
    "brent": ["برنت"],
    "persepolis": ["پرسپولیس"],
    "esteghlal": ["استقلال"],
    "sepahan": ["سپاهان"],
    "tractor": ["تراکتور"],
    "crescent": ["هلال"],
    "rial": ["ریال"],
    "dollar": ["دلار"],
    "uranium": ["اورانیوم"],
    # weekdays
    "saturday": ["شنبه"],
    "sunday": ["یکشنبه"],
    "monday": ["دوشنبه"],
    "tuesday": ["سه‌شنبه", "سه"],
    "wednesday": ["چهارشنبه"],
    "thursday": ["پنجشنبه"],
    "friday": ["جمعه"],
    # what is counted
    "magnitude": ["ریشتر", "ریشتری"],
    "percent": ["درصد", "درصدی"],
    "barrel": ["بشکه"],
    "injured": ["مصدوم", "زخمی"],
    "killed": ["کشته"],
    "earthquake": ["زلزله", "زمین‌لرزه"],
    "flood": ["سیل"],
    "village": ["روستا"],
}

# English spellings that mean the same key.
ALIASES = {
    "quake": "earthquake",
    "tremor": "earthquake",
    "floods": "flood",
    "villages": "village",
    "barrels": "barrel",
    "hurt": "injured",
    "died": "killed",
    "dead": "killed",
    "kill": "killed",
    "rials": "rial",
    "dollars": "dollar",
    "kerman's": "kerman",
}

CANONICAL = {word: key for key, words in LEXICON.items() for word in words}
CANONICAL.update({key: key for key in LEXICON})
CANONICAL.update(ALIASES)

# Persian number words that scale the number before them ("۷۸ هزار" = 78,000).
SCALES = {"هزار": 1_000, "میلیون": 1_000_000, "میلیارد": 1_000_000_000}
SCALES.update({"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "bn": 10**9})
