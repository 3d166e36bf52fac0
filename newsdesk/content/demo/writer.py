"""Generated news copy: headlines, standfirsts and bodies with agency attribution."""

import random
from dataclasses import dataclass, field
from html import escape

from newsdesk.content.demo import words

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass
class Copy:
    headline: str
    standfirst: str
    body: str
    city: str
    tags: list[str] = field(default_factory=list)


class CopyWriter:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, items):
        return self.rng.choice(items)

    def sentence(self, city: str, agency: str) -> str:
        rng = self.rng
        shape = rng.randrange(5)
        if shape == 0:
            return f'"{self.pick(words.QUOTES)}," {self.pick(words.PEOPLE_QUOTED)} told {agency}.'
        if shape == 1:
            return (
                f"{self.pick(words.CONNECTORS)} {self.pick(words.ACTORS)} in {city} "
                f"{self.pick(words.VERBS)} {self.pick(words.TOPICS)}, according to {agency}."
            )
        if shape == 2:
            figure = rng.randrange(2, 95)
            return (
                f"The figure rose by {figure} percent compared with last year, "
                f"{self.pick(words.ACTORS)} said."
            )
        if shape == 3:
            return (
                f"{self.pick(words.ACTORS).capitalize()} {self.pick(words.VERBS)} "
                f"{self.pick(words.TOPICS)} after a meeting in {self.pick(words.CITIES)}."
            )
        return (
            f"Talks on {self.pick(words.TOPICS)} are expected to resume next week in "
            f"{self.pick(words.CITIES)}, {agency} reported."
        )

    def story(self, agency: str) -> Copy:
        rng = self.rng
        city = self.pick(words.CITIES)
        actor = self.pick(words.ACTORS)
        topic = self.pick(words.TOPICS)
        headline = f"{actor[0].upper()}{actor[1:]} in {city} {self.pick(words.VERBS)} {topic}"
        standfirst = (
            f"{actor.capitalize()} {self.pick(words.VERBS)} {topic} on "
            f"{self.pick(WEEKDAYS)}, "
            f"{agency} reported."
        )
        paragraphs = []
        for index in range(rng.randrange(5, 11)):
            text = " ".join(self.sentence(city, agency) for _ in range(rng.randrange(2, 5)))
            paragraphs.append(f"<p>{escape(text, quote=False)}</p>")
            if index == 2 and rng.random() < 0.4:
                paragraphs.append(f"<h2>Reaction in {escape(city)}</h2>")
            if index == 3 and rng.random() < 0.3:
                paragraphs.append(
                    f"<blockquote><p>{escape(self.pick(words.QUOTES))}.</p></blockquote>"
                )
        tags = rng.sample(words.TAGS, rng.randrange(1, 4))
        return Copy(headline, standfirst, "\n".join(paragraphs), city, tags)
