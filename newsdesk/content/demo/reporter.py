"""A demo story written from one event of its section's beat (beats.py): the headline,
standfirst, body and caption all tell that event, in that place, by those people."""

import random
from dataclasses import dataclass
from html import escape

from newsdesk.content.demo.beats import CAPTIONS, Beat

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = {
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    6: "sixth",
    7: "seventh",
    8: "eighth",
    9: "ninth",
}


@dataclass
class Report:
    headline: str
    standfirst: str
    body: str
    caption: str
    city: str
    scene: str
    tags: tuple[str, ...]


class Reporter:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def story(self, beat: Beat, agency: str) -> Report:
        rng = self.rng
        event = rng.choice(beat.events)
        actor = rng.choice(beat.actors)
        m = rng.randrange(2, 10)
        facts = {
            "actor": actor,
            "Actor": actor[0].upper() + actor[1:],
            "city": rng.choice(beat.cities),
            "agency": agency,
            "weekday": rng.choice(WEEKDAYS),
            "n": rng.randrange(10, 20),
            "m": m,
            "mth": ORDINALS[m],
        }

        def write(template: str) -> str:
            text = template.format(**facts)
            return text[0].upper() + text[1:]

        details = [write(sentence) for sentence in event.details]
        rng.shuffle(details)
        quote = rng.choice(beat.quotes)
        paragraphs = [
            write(event.lede),
            " ".join(details[:2]),
            f'"{quote}," a spokesperson for {actor} told {agency}.',
            *details[2:],
        ]
        body = "\n".join(f"<p>{escape(text, quote=False)}</p>" for text in paragraphs if text)
        return Report(
            headline=write(event.headline),
            standfirst=write(event.standfirst),
            body=body,
            caption=CAPTIONS[event.scene].format(**facts),
            city=facts["city"],
            scene=event.scene,
            tags=event.tags,
        )
