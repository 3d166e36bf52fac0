# ruff: noqa: E501  (copy templates read best as one sentence to a line)
"""What each demo section covers: its places, its people and the events it reports, so a
generated story's headline, standfirst, body, caption and picture tell one story that
belongs in its section (no football federation weighing a ceasefire).

An event is written once in its tenses: `headline` (present, as headlines are),
`standfirst` and `lede` (past), then `details`, sentences about that event only.
Placeholders: {actor} {Actor} {city} {agency} {weekday}, and numbers {n} (10–19), {m}
(2–9) and {mth} (m as an ordinal).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    headline: str
    standfirst: str
    lede: str
    details: tuple[str, ...]
    scene: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Beat:
    section: str
    cities: tuple[str, ...]
    actors: tuple[str, ...]
    events: tuple[Event, ...]
    quotes: tuple[str, ...]


CAPTIONS = {
    "skyline": "The centre of {city} on {weekday}.",
    "harbour": "Ships wait to load at the port of {city}.",
    "stadium": "The stadium in {city} before kick-off.",
    "fields": "Farmland outside {city}, where the harvest has begun.",
    "parliament": "The parliament building in {city}, where the vote took place.",
    "screen": "Prices on a trading screen in {city} on {weekday}.",
    "stage": "The opening night in {city}.",
}

BEATS = (
    Beat(
        "World",
        ("Kampala", "Nairobi", "Jakarta", "Lima", "Dhaka"),
        ("the UN relief agency", "aid groups", "the health ministry", "regional leaders"),
        (
            Event(
                "{Actor} appeal for flood aid as rivers rise near {city}",
                "{Actor} asked for emergency funding on {weekday} after rivers burst their banks around {city}.",
                "{Actor} launched an appeal for emergency funding on {weekday}, as rivers burst their banks around {city}.",
                (
                    "About {n},000 people have left their homes, local officials said.",
                    "Roads into the worst-hit districts remain under water, {agency} reported.",
                    "Forecasters expect more rain before the end of the week.",
                ),
                "skyline",
                ("Aid", "Climate"),
            ),
            Event(
                "Vaccination drive reaches {n} million children in {city} region",
                "{Actor} said on {weekday} that a measles campaign around {city} had reached {n} million children.",
                "A measles vaccination campaign around {city} has reached {n} million children, {actor} said on {weekday}.",
                (
                    "Teams travelled by boat and motorbike to reach remote villages.",
                    "Cases have fallen by {m} percent since the campaign began, according to {agency}.",
                    "The next round is planned for the spring.",
                ),
                "skyline",
                ("Health",),
            ),
        ),
        (
            "Every day counts for the families who lost everything",
            "We can reach them, but we need the funds now",
        ),
    ),
    Beat(
        "Russia Ukraine War",
        ("Kyiv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia"),
        ("Ukraine's energy ministry", "city officials", "engineers", "the grid operator"),
        (
            Event(
                "Power restored to {n},000 homes in {city} after overnight strikes",
                "{Actor} said electricity was back for {n},000 households in {city} by {weekday} evening.",
                "Electricity was restored to {n},000 homes in {city} by {weekday} evening, {actor} said, after strikes overnight damaged a substation.",
                (
                    "Repair crews worked through the night in freezing temperatures, {agency} reported.",
                    "Schedules of rolling blackouts remain in place across the region.",
                    "Hospitals ran on generators while the repairs went on.",
                ),
                "skyline",
                ("Energy", "Security"),
            ),
            Event(
                "Grain ships leave {city} as export corridor holds",
                "{n} ships loaded with grain left {city} on {weekday}, {actor} said, the most in a single day this month.",
                "{n} ships carrying grain left the port of {city} on {weekday}, {actor} said, the most in a single day this month.",
                (
                    "Together they carry about {m}0,000 tonnes of wheat and maize, {agency} reported.",
                    "Insurers have lowered premiums for the route since the summer.",
                    "Buyers in North Africa and Asia are the main destinations.",
                ),
                "harbour",
                ("Trade", "Infrastructure"),
            ),
        ),
        (
            "The lights are back on, and we are ready for the next night",
            "Every ship that leaves is a small victory",
        ),
    ),
    Beat(
        "Middle East",
        ("Amman", "Beirut", "Doha", "Cairo", "Baghdad"),
        ("negotiators", "the foreign ministry", "mediators", "water authorities"),
        (
            Event(
                "Talks on water-sharing deal resume in {city}",
                "{Actor} returned to the table in {city} on {weekday}, after a pause of {n} weeks.",
                "Talks on a regional water-sharing deal resumed in {city} on {weekday}, {n} weeks after they were suspended, {actor} said.",
                (
                    "The draft would set how much water each side may draw from the river in dry years.",
                    "A first agreement on monitoring stations was reached last year, {agency} reported.",
                    "Farmers' unions have called for the talks to finish before the summer.",
                ),
                "skyline",
                ("Diplomacy", "Talks"),
            ),
            Event(
                "{city} postpones vote on electricity tariffs",
                "A vote on new electricity tariffs in {city}, due on {weekday}, was put off by {n} weeks, {actor} said.",
                "A vote on new electricity tariffs in {city}, due on {weekday}, has been put off by {n} weeks, {actor} said.",
                (
                    "The proposal would raise prices for the largest users by {m} percent.",
                    "Business groups had asked for more time to study the plan, {agency} reported.",
                    "Households using the least power would be spared any increase.",
                ),
                "parliament",
                ("Energy", "Economy"),
            ),
        ),
        ("We are closer than we have ever been", "Nobody wants a summer without water"),
    ),
    Beat(
        "Politics",
        ("Brussels", "Berlin", "Warsaw", "Vienna", "Rome"),
        ("the governing coalition", "opposition leaders", "the finance minister", "MPs"),
        (
            Event(
                "Parliament in {city} passes budget after all-night debate",
                "MPs in {city} approved next year's budget on {weekday} by {n}0 votes to {m}0.",
                "The parliament in {city} approved next year's budget on {weekday} by {n}0 votes to {m}0, after a debate that lasted through the night.",
                (
                    "Spending on schools and rail rises, while defence stays at this year's level.",
                    "{Actor} called the result a mandate for the reform plan, {agency} reported.",
                    "The budget now goes to the upper house, which is expected to back it.",
                ),
                "parliament",
                ("Elections", "Economy"),
            ),
            Event(
                "{city} sets date for early election",
                "Voters in {city} will go to the polls in {n} weeks, {actor} announced on {weekday}.",
                "An early election will be held in {n} weeks, {actor} announced in {city} on {weekday}, after the coalition lost its majority.",
                (
                    "Polls put the two largest parties within {m} points of each other.",
                    "Campaigning officially starts next month, {agency} reported.",
                    "Turnout at the last election was the lowest in two decades.",
                ),
                "parliament",
                ("Elections",),
            ),
        ),
        ("The voters will have the last word", "This is the budget the country needs"),
    ),
    Beat(
        "Business",
        ("Frankfurt", "London", "Istanbul", "Rotterdam", "Dubai"),
        ("the central bank", "analysts", "traders", "the port authority"),
        (
            Event(
                "Central bank in {city} holds interest rates at {n} percent",
                "{Actor} kept its main rate unchanged on {weekday}, as inflation eased for the {mth} month in a row.",
                "The central bank kept its main interest rate at {n} percent on {weekday}, as inflation eased for the {mth} month in a row, {agency} reported from {city}.",
                (
                    "Most analysts had expected the decision.",
                    "The bank said it would cut rates only once price rises were firmly under control.",
                    "The currency was little changed after the announcement.",
                ),
                "screen",
                ("Economy", "Inflation"),
            ),
            Event(
                "Container traffic through {city} rises {n} percent",
                "{Actor} said on {weekday} that the port of {city} handled {n} percent more containers than a year ago.",
                "The port of {city} handled {n} percent more containers in the last quarter than a year earlier, {actor} said on {weekday}.",
                (
                    "New cranes and a deeper channel let larger ships call, {agency} reported.",
                    "Exports of machinery and food led the increase.",
                    "The port expects growth to slow next year.",
                ),
                "harbour",
                ("Trade",),
            ),
        ),
        ("Prices will stabilise in the coming months", "The numbers speak for themselves"),
    ),
    Beat(
        "Technology",
        ("Helsinki", "Seoul", "Bangalore", "Tallinn", "Eindhoven"),
        ("researchers", "the regulator", "engineers", "a start-up"),
        (
            Event(
                "{Actor} in {city} unveil battery that charges in {n} minutes",
                "{Actor} in {city} showed a battery cell on {weekday} that reaches 80 percent charge in {n} minutes.",
                "{Actor} in {city} presented a battery cell on {weekday} that reaches 80 percent of its charge in {n} minutes, {agency} reported.",
                (
                    "The cell kept {m} percent of its capacity after a thousand cycles in tests.",
                    "Carmakers have asked for samples, the team said.",
                    "Mass production is at least three years away.",
                ),
                "screen",
                ("Energy", "Internet"),
            ),
            Event(
                "Regulator in {city} fines data broker over location tracking",
                "{Actor} fined a data broker {n} million euros on {weekday} for selling phone location data.",
                "The regulator in {city} fined a data broker {n} million euros on {weekday} for selling location data collected from phones without consent.",
                (
                    "The company has {m} days to delete the data, {agency} reported.",
                    "It said it would appeal the decision.",
                    "Privacy groups called the fine a warning to the whole industry.",
                ),
                "skyline",
                ("Internet", "Security"),
            ),
        ),
        ("This changes what we can build", "People's location is not for sale"),
    ),
    Beat(
        "Sport",
        ("Madrid", "Manchester", "Milan", "Istanbul", "Lisbon"),
        ("the home side", "the visitors", "the league", "the coach"),
        (
            Event(
                "Late goal in {city} sends the home side top of the league",
                "A goal in stoppage time gave the home side a 2-1 win in {city} on {weekday}.",
                "A goal in stoppage time gave the home side a 2-1 win in {city} on {weekday} and sent them top of the league, {agency} reported.",
                (
                    "The visitors had equalised shortly after half-time.",
                    "More than {m}0,000 fans watched the match.",
                    "The two sides meet again in the cup next month.",
                ),
                "stadium",
                ("Football",),
            ),
            Event(
                "{city} stadium to host next season's final",
                "The league confirmed on {weekday} that {city} will host the final, in a stadium rebuilt for {n} million euros.",
                "The league confirmed on {weekday} that the final will be played in {city}, in a stadium rebuilt for {n} million euros.",
                (
                    "The new stands hold {m}0,000 spectators.",
                    "Tickets go on sale in the spring, {agency} reported.",
                    "Local hotels expect to be fully booked for the weekend.",
                ),
                "stadium",
                ("Football",),
            ),
        ),
        ("We never stopped believing", "The city is ready for the final"),
    ),
    Beat(
        "Culture",
        ("Venice", "Edinburgh", "Cannes", "Marrakesh", "Berlin"),
        ("festival organisers", "the director", "critics", "museum curators"),
        (
            Event(
                "Film festival in {city} opens with {n} premieres",
                "{Actor} opened the festival in {city} on {weekday} with {n} world premieres on the programme.",
                "The film festival in {city} opened on {weekday} with {n} world premieres, {actor} said.",
                (
                    "First-time directors made {m} of the films in competition, {agency} reported.",
                    "The jury announces its prizes next Saturday.",
                    "Screenings sold out within hours.",
                ),
                "stage",
                ("Film",),
            ),
            Event(
                "Museum in {city} returns {n} artefacts to their country of origin",
                "{Actor} in {city} handed back {n} objects on {weekday}, taken during colonial rule.",
                "{Actor} in {city} handed back {n} artefacts on {weekday} that were taken during colonial rule, {agency} reported.",
                (
                    "The objects include bronze plaques and carved masks.",
                    "A research team spent {m} years tracing where each piece came from.",
                    "They will go on show in a new museum next year.",
                ),
                "skyline",
                ("Education",),
            ),
        ),
        ("Art belongs where it was made", "The audience was extraordinary"),
    ),
)

CORRECTIONS = (
    (
        "correction",
        "An earlier version of this story gave the wrong day of the week for the announcement.",
    ),
    ("correction", "An earlier version of this story misspelled the name of the agency quoted."),
    ("update", "This story was updated with reaction from officials."),
)
