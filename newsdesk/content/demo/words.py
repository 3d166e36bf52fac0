"""Word lists the demo newsroom writes its (entirely generated) copy from."""

SECTIONS = [
    ("World", "News from around the world."),
    ("Russia Ukraine War", "The war in Ukraine and its consequences."),
    ("Middle East", "Politics, diplomacy and daily life across the region."),
    ("Politics", "Parliament, government and elections."),
    ("Business", "Markets, trade, energy and the economy."),
    ("Technology", "Science, the internet and the companies that shape them."),
    ("Sport", "Results and stories from the world of sport."),
    ("Culture", "Books, film, music and the arts."),
]

AGENCIES = [
    ("Caspian News Agency", "https://cna.example.org"),
    ("Levant Newswire", "https://levant-wire.example.org"),
    ("Danube Press", "https://danube-press.example.org"),
    ("Northern Star Agency", "https://northern-star.example.org"),
    ("Gulf Wire Service", "https://gulfwire.example.org"),
]

REPORTERS = [
    ("Amira Haddad", "Middle East correspondent"),
    ("Jonas Lindqvist", "Europe editor"),
    ("Olena Marchenko", "Kyiv correspondent"),
    ("Reza Karimi", "Tehran correspondent"),
    ("Grace Okafor", "Business reporter"),
    ("Tomás Ferreira", "Sports writer"),
    ("Mei Lin", "Technology reporter"),
    ("Daniel Brooks", "Political editor"),
    ("Sofia Rossi", "Culture critic"),
    ("Yusuf Demir", "Diplomatic correspondent"),
]

CITIES = [
    "Kyiv",
    "Tehran",
    "Beirut",
    "Ankara",
    "Brussels",
    "Geneva",
    "Cairo",
    "Baghdad",
    "Vienna",
    "Doha",
    "Warsaw",
    "Kharkiv",
    "Amman",
    "Istanbul",
    "Berlin",
    "Riyadh",
]

ACTORS = [
    "the foreign minister",
    "officials",
    "the central bank",
    "negotiators",
    "the ministry",
    "local authorities",
    "the prime minister",
    "opposition leaders",
    "aid agencies",
    "the defence ministry",
    "a government spokesperson",
    "regional governors",
    "analysts",
    "the energy regulator",
    "the football federation",
    "museum curators",
    "engineers",
]

VERBS = [
    "announced",
    "rejected",
    "welcomed",
    "warned about",
    "signed",
    "postponed",
    "called for",
    "criticised",
    "confirmed",
    "unveiled",
    "opened talks on",
    "approved",
]

TOPICS = [
    "a new ceasefire proposal",
    "grain export routes",
    "an energy agreement",
    "fresh sanctions",
    "the budget for next year",
    "a prisoner exchange",
    "reconstruction funding",
    "a water-sharing deal",
    "interest rates",
    "border crossings",
    "a cyber-security plan",
    "the national league season",
    "a film festival programme",
    "electricity tariffs",
    "rail links",
    "emergency aid deliveries",
    "a nuclear inspection schedule",
    "wheat prices",
    "a trade corridor",
    "election rules",
]

TAGS = [
    "Diplomacy",
    "Energy",
    "Sanctions",
    "Elections",
    "Economy",
    "Aid",
    "Security",
    "Trade",
    "Climate",
    "Football",
    "Film",
    "Internet",
    "Refugees",
    "Oil",
    "Inflation",
    "Talks",
    "Infrastructure",
    "Health",
    "Education",
    "Transport",
]

PEOPLE_QUOTED = [
    "a senior official",
    "the deputy minister",
    "a spokesperson for the ministry",
    "a diplomat who asked not to be named",
    "the mayor",
    "a local resident",
    "an economist at the state university",
    "the head of the committee",
]

QUOTES = [
    "We are ready to continue the talks as long as it takes",
    "The situation on the ground remains difficult",
    "This agreement is a first step, not the last one",
    "Our priority is the safety of civilians",
    "Prices will stabilise in the coming months",
    "We expect a decision before the end of the week",
    "Nobody wants the crisis to spread further",
    "The results speak for themselves",
]

CONNECTORS = [
    "Meanwhile,",
    "Earlier in the day,",
    "In a separate development,",
    "At the same time,",
    "Later,",
    "According to figures released on Monday,",
    "Since the start of the year,",
]

CAPTIONS = [
    "People gather in the centre of {city}.",
    "A view of the government building in {city}.",
    "Delegates arrive for talks in {city}.",
    "Workers at a port near {city}.",
    "Traffic on the main avenue of {city} at dusk.",
    "Supporters wave flags outside the stadium in {city}.",
]
