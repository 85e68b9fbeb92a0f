# ruff: noqa: E501  (the hand-written records below read best one to a line)
"""Build `sample_data/demo.json`, the journal behind `journal --demo`.

    .venv/bin/python sample_data/build_demo.py

The output is deterministic (a fixed seed, fixed ids, fixed clock times), so rebuilding it
gives the same file. The journal is written as of ANCHOR, kept in the file's meta as
`demo_anchor`; `journal.demo.open_demo` copies it and moves every date so that ANCHOR
becomes the real today, so the demo never goes stale.

Whose journal it is: a freelance UX designer in Tokyo (Kichijoji), from Kanazawa, who studied
at Waseda and worked six years in London. About forty people: family in Kanazawa and Osaka,
friends in Tokyo and abroad, mentors, former colleagues and clients; two years of letters,
meetings, messages and calls, written by hand (the moments that matter) and by a seeded
random routine (the ordinary rhythm of keeping in touch).

What the demo shows, as of ANCHOR:
- a handful of people overdue, one snoozed, two added recently (one never contacted);
- one reply owed (Priya's voice note);
- five birthdays in the coming weeks: one letter already sent (Prof. Kato), a grandmother
  turning 88, an aunt and a friend abroad with longer letter lead times;
- gives and asks: warm asks to clients and mentors, one cold ask (Ben), two people to give to
  next (José and Takuya: the last thing I did was ask);
- season cards: last season's New Year and Christmas cards both ways, one Christmas card
  received this season and not yet answered (Margaret), one friend in mourning (喪中) skipped.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from journal.model import (
    Birthday,
    Contact,
    Direction,
    Intent,
    Interaction,
    Kind,
    Occasion,
    several,
)
from journal.rules import LETTER_DONE_DAYS, next_birthday
from journal.store import Store

ANCHOR = date(2026, 11, 25)
HISTORY_START = ANCHOR - timedelta(days=730)
SEED = 20261125
OUT = Path(__file__).resolve().parent / "demo.json"

K = {"L": Kind.LETTER, "M": Kind.MEETING, "S": Kind.MESSAGE, "C": Kind.CALL}
D = {"out": Direction.OUT, "in": Direction.IN, "both": Direction.BOTH}


@dataclass
class Person:
    key: str
    name: str
    reading: str = ""
    tags: tuple[str, ...] = ()
    group: str = "friend"  # which note pools the routine draws from: family, friend, work, client
    cadence: int | None = None
    birthday: str | None = None
    email: str = ""
    phone: str = ""
    address: str = ""
    more: tuple[str, ...] = ()  # further emails and phones (an @ tells an email)
    nickname: str = ""
    org: str = ""
    notes: str = ""
    cards: bool = False
    lead: int | None = None
    mix: str = ""  # routine contact: "S:LINE:4 M:coffee:2" = kind:channel:weight
    last: int | None = None  # days before ANCHOR of the latest routine contact; None = no routine
    gap: int | None = None  # routine spacing for untracked people (default: the cadence)
    steady: float = 0.85  # routine gap = cadence * steady * U(0.6, 1.4)
    since: date | None = None  # when added to the journal (default: around HISTORY_START)
    first: int | None = None  # days before ANCHOR of the earliest routine contact
    snoozed: int | None = None  # snoozed until ANCHOR + this many days
    no_cards_until: date | None = None
    no_cards_reason: str = ""
    archived: bool = False
    extra: dict = field(default_factory=dict)


PEOPLE = [
    # --- family -----------------------------------------------------------------------------
    Person(
        "kyoko", "森 京子", "もり きょうこ", ("family",), "family", cadence=7,
        birthday="1961-08-18", phone="090-4412-8830",
        address="〒920-0865 石川県金沢市長町2-5-18",
        notes="Mum. Call on Sunday evenings, after the news. Knee check-ups at the university "
        "hospital; don't let her carry the rice.",
        mix="C:phone:6 S:LINE:4", last=3, steady=0.9,
    ),
    Person(
        "yoko", "山口 陽子", "やまぐち ようこ", ("family",), "family", cadence=14,
        birthday="1938-12-15", phone="076-231-4467",
        address="〒921-8033 石川県金沢市寺町4-9-2", cards=True, lead=5,
        notes="Grandma (Mum's mother). Call the landline and speak slowly. Loves letters with "
        "printed photos. Turns 88 at her next birthday: 米寿, the family is planning a lunch.",
        mix="C:phone:6 L:letter:2", last=10,
    ),
    Person(
        "yumiko", "渡辺 由美子", "わたなべ ゆみこ", ("family",), "family", cadence=60,
        birthday="1958-01-03", phone="076-262-3318", email="kimono.watanabe@example.com",
        address="〒920-0981 石川県金沢市片町1-7-11 わたなべ呉服店", cards=True, lead=5,
        notes="Aunt, Mum's younger sister. Runs the kimono shop on Katamachi. Misaki's mother.",
        mix="C:phone:3 L:letter:2 S:LINE:1", last=34,
    ),
    Person(
        "misaki", "田中 美咲", "たなか みさき", ("family", "friend"), "friend", cadence=45,
        birthday="12-24",
        notes="Cousin (Aunt Yumiko's daughter). Nurse in Osaka on night shifts: message, "
        "don't call before noon.",
        mix="S:LINE:5 C:LINE:1", last=50,
    ),
    Person(
        "hannah", "Hannah Weber", "", ("family", "friend"), "friend", cadence=90,
        birthday="1989-04-30", email="hannah.weber@example.net", phone="+43 664 381 2290",
        address="Schubertstraße 14/3, 8010 Graz, Austria", cards=True, lead=10,
        notes="Host sister from my exchange year in Graz. Partner Jakob, daughter Lena "
        "(still tiny). Writes in English, signs off in German.",
        mix="S:WhatsApp:3 C:WhatsApp video:1", last=75,
    ),
    # --- friends ----------------------------------------------------------------------------
    Person(
        "hanako", "山田 花子", "やまだ はなこ", ("friend", "school"), "friend", cadence=30,
        birthday="1991-12-08", email="hanako.yamada@example.com", phone="080-3921-5567",
        more=("0422-21-5567",), nickname="はなちゃん",
        address="〒180-0004 東京都武蔵野市吉祥寺本町3-12-8-402", cards=True,
        notes="Waseda seminar friend. Kids: Sora and Mei. No nuts in anything (Mei's allergy).",
        mix="S:LINE:4 M:lunch:2 M:coffee:1 C:LINE:1", last=12,
    ),
    Person(
        "aiko", "鈴木 愛子", "すずき あいこ", ("friend",), "friend", cadence=14,
        birthday="1993-06-02", phone="070-2284-1190",
        notes="Climbing partner from B-Pump. Moving to Fukuoka for the new job; wants visitors.",
        mix="M:coffee:3 M:climbing:3 S:LINE:4", last=8,
    ),
    Person(
        "shota", "伊藤 翔太", "いとう しょうた", ("friend", "school"), "friend", cadence=180,
        birthday="1990-03-11", address="〒920-0918 石川県金沢市尾山町6-3 伊藤酒店", cards=True,
        notes="High school in Kanazawa (baseball team manager, I kept score). Runs the family "
        "sake shop now.",
        mix="S:LINE:2 C:LINE:1", last=420,
    ),
    Person(
        "megumi", "小林 恵", "こばやし めぐみ", ("friend",), "friend", cadence=60,
        birthday="1992-10-14", address="〒330-0063 埼玉県さいたま市浦和区高砂2-8-15",
        cards=True, no_cards_until=date(2027, 8, 20),
        no_cards_reason="喪中: her father passed away this year",
        notes="Friend from my first job (Studio Kanade). Lives in Urawa with her mother now.",
        mix="S:LINE:3 M:lunch:1 C:LINE:1", last=130,
    ),
    Person(
        "priya", "Priya Raman", "", ("friend",), "friend", cadence=30, birthday="05-14",
        email="priya.raman@example.com", phone="+91 98450 21337",
        more=("priya@nimbushealth.example",), org="Nimbus Health",
        notes="Flatmate in Camden. Back in Bengaluru, product lead at a health startup. "
        "Vegetarian; loves Japanese stationery.",
        mix="S:WhatsApp:5 C:WhatsApp video:2", last=40,
    ),
    Person(
        "sophie", "Sophie Martin", "", ("friend",), "friend", cadence=60, birthday="1990-09-05",
        email="sophie.martin@example.org",
        notes="Central Saint Martins evening course. Illustrator in Lyon, married to Karim.",
        mix="S:WhatsApp:3 C:FaceTime:1 S:email:1", last=45,
    ),
    Person(
        "chen", "陳 雅婷", "チェン ヤーティン", ("friend", "school"), "friend", cadence=60,
        birthday="07-16", email="yating.chen@example.com",
        notes="Waseda exchange year; back in Taipei, PR for a chip maker. Calls me 小森.",
        mix="S:LINE:4 C:LINE:1", last=40,
    ),
    Person(
        "minjun", "김민준", "キム ミンジュン", ("friend",), "friend", cadence=60,
        birthday="03-21",
        notes="Language exchange partner (his Japanese, my Korean) from Shin-Okubo. Back in "
        "Busan, aiming for JLPT N1.",
        mix="S:KakaoTalk:4 C:KakaoTalk:1", last=45,
    ),
    Person(
        "anna", "Anna Kowalska", "", ("friend",), "friend", cadence=90, birthday="1988-11-02",
        email="a.kowalska@example.org",
        notes="Glaciologist in Warsaw. Met on the Kumano Kodo walk.",
        mix="S:email:2 S:Signal:1 C:Zoom:1", last=130, snoozed=12,
    ),
    Person(
        "ingrid", "Ingrid Johansson", "", ("friend",), "friend", cadence=120,
        birthday="1986-06-19", email="ingrid.j@example.net",
        address="Tegnérgatan 21, 113 36 Stockholm, Sweden", cards=True, lead=10,
        notes="Met at the hostel in Kyoto years ago. We write real letters. Cats: Mulle and "
        "Sigge.",
        mix="L:letter:2 S:email:2", last=230,
    ),
    Person(
        "rafael", "Rafael Costa", "", ("friend",), "friend", cadence=14, birthday="1994-01-27",
        phone="080-6630-1942",
        notes="Climbs at B-Pump with Aiko and me. From Porto; teaches English in Ogikubo.",
        mix="M:climbing:4 S:LINE:3 M:dinner:1", last=14,
    ),
    Person(
        "olivia", "Olivia Bennett", "", ("friend",), "friend", cadence=90, birthday="10-09",
        email="olivia@example.com",
        notes="London agency days; now in Melbourne (Fitzroy). Ceramics studio on weekends.",
        mix="S:WhatsApp:2 C:FaceTime:1 S:email:1", last=55,
    ),
    Person(
        "fatima", "Fatima Zahra Benali", "", ("friend",), "friend", cadence=120,
        birthday="1991-05-25", email="fz.benali@example.org",
        notes="Met in Paris through Sophie. Architect, born in Casablanca. Speaks five "
        "languages and won't admit it.",
        mix="S:WhatsApp:3 C:WhatsApp:1", last=100,
    ),
    Person(
        "ngozi", "Ngozi Okafor", "", ("friend", "school"), "friend", cadence=120,
        birthday="08-08", email="ngozi.okafor@example.com",
        notes="MA classmate at Goldsmiths. Runs a design school for teenagers in Lagos.",
        mix="S:WhatsApp:2 S:email:1 C:Zoom:1", last=110,
    ),
    Person(
        "eleni", "Eleni Papadopoulou", "", ("friend", "work"), "work",
        email="eleni.p@example.net",
        notes="Met at UX Athens after my talk. We swap conference tips and CFP dates.",
        mix="S:email:2", last=300, gap=160, since=ANCHOR - timedelta(days=560),
    ),
    Person(
        "chloe", "Chloé Dubois", "", ("friend",), "friend", cadence=21,
        email="chloe.dubois@example.com",
        notes="Sophie's friend, moving to Tokyo (Nakameguro) for a perfume house. Sophie asked "
        "me to show her around.",
        since=ANCHOR - timedelta(days=24),
    ),
    # --- mentors and work -------------------------------------------------------------------
    Person(
        "ken", "佐藤 健", "さとう けん", ("mentor", "work"), "work", cadence=90,
        birthday="04-17", email="ken.sato@example.com",
        address="〒158-0094 東京都世田谷区玉川3-21-6", cards=True,
        notes="My first boss (Studio Kanade). Teaches at Musabi now. Highballs and bad puns.",
        mix="M:dinner:1 S:email:2 L:letter:1", last=95,
    ),
    Person(
        "naoki", "加藤 直樹", "かとう なおき", ("mentor", "school"), "work", cadence=120,
        birthday="12-20", email="n.kato@example.ac.jp",
        address="〒184-0004 東京都小金井市本町4-17-9", cards=True, lead=4,
        notes="Prof. Kato, my seminar supervisor at Waseda. Always answers by hand. Retires "
        "in two years.",
        mix="L:letter:2 S:email:2", last=160,
    ),
    Person(
        "daisuke", "中村 大輔", "なかむら だいすけ", ("work",), "work", cadence=30,
        birthday="1989-09-29", email="daisuke@example.com",
        notes="Fellow freelancer (front-end). We pass work to each other. Shares a studio in "
        "Kuramae.",
        mix="S:Slack:4 M:lunch:2 C:Zoom:1", last=25,
    ),
    Person(
        "emily", "Emily Carter", "", ("mentor", "work"), "work", cadence=60,
        birthday="1979-02-11", email="emily.carter@example.com",
        notes="My manager at the London agency; Head of Design at a bank now. Says yes to too "
        "much, tells me not to.",
        mix="C:Zoom:2 S:email:2", last=47,
    ),
    Person(
        "tom", "Tom Fletcher", "", ("work",), "work", cadence=180, birthday="09-12",
        email="tom.fletcher@example.co.uk",
        notes="Sat next to him at the London agency. Leeds fan. Two boys.",
        mix="S:WhatsApp:2 S:email:1", last=260,
    ),
    Person(
        "ben", "Ben Whitaker", "", ("work",), "work", cadence=180,
        email="ben.whitaker@example.com",
        notes="Ex-colleague from the London agency; design manager at Fernleaf (payments).",
        mix="S:email:1 S:LinkedIn:1", last=430,
    ),
    Person(
        "lukas", "Lukas Schneider", "", ("work", "friend"), "work", cadence=90,
        birthday="1987-07-23", email="lukas@example.de",
        notes="Berlin. We built the museum app together. Cycles everywhere; send him ramen "
        "spots.",
        mix="S:Signal:3 C:Zoom:1", last=150,
    ),
    Person(
        "grace", "Grace Kim", "", ("mentor",), "work", cadence=90, birthday="01-30",
        email="grace.kim@example.com",
        notes="Design director in Seoul (grew up in LA). Met at Config; mentors me every month "
        "or two.",
        mix="C:Zoom:3 S:email:1", last=80,
    ),
    Person(
        "lan", "Nguyễn Thị Lan", "", ("work", "friend"), "work", cadence=90,
        birthday="02-14", email="lan.nguyen@example.com",
        notes="Two years together at the Tokyo studio, then home to Hanoi. Call her Lan.",
        mix="S:Messenger:3 C:Messenger:1", last=75,
    ),
    Person(
        "sasha", "Александр Петров", "", ("work",), "work", cadence=180,
        email="sasha.petrov@example.org",
        notes="Sasha. Backend on the museum app; moved to Tbilisi.",
        mix="S:Telegram:3", last=150,
    ),
    Person(
        "kenji", "岡田 健二", "おかだ けんじ", ("work",), "work", cadence=30,
        email="okada@example.jp", since=ANCHOR - timedelta(days=36),
        notes="Met at the UX Tokyo meetup. Two-person studio in Kuramae; might need help with a "
        "hotel site.",
    ),
    Person(
        "sam", "Sam Patel", "", ("work",), "client", cadence=365,
        email="sam@patel-accounts.example.co.uk",
        notes="Accountant for my UK self-assessment (31 January deadline).",
        mix="S:email:1", last=200, steady=1.0,
    ),
    # --- clients ----------------------------------------------------------------------------
    Person(
        "makoto", "高橋 誠", "たかはし まこと", ("client", "work"), "client", cadence=60,
        birthday="08-30", email="m.takahashi@example.co.jp", phone="03-5468-2210",
        address="〒150-0011 東京都渋谷区東1-26-20 高橋工務店", cards=True,
        notes="Takahashi Kōmuten, third-generation builders. Website and booking form; pays on "
        "time. Assistant: 木村さん.",
        mix="S:email:4 M:Zoom:2 C:phone:1", last=30, first=700,
    ),
    Person(
        "takuya", "松本 拓也", "まつもと たくや", ("client",), "client", cadence=90,
        birthday="1988-02-29", email="t.matsumoto@example.com",
        notes="PM at Hinata Health (app). Leap-day birthday; celebrates on the 28th.",
        mix="S:email:3 M:Zoom:2", last=85,
    ),
    Person(
        "jose", "José Álvarez", "", ("client",), "client", cadence=45, birthday="1975-10-03",
        email="jose@example.mx", phone="+52 55 4170 2286",
        notes="Owns four mezcalerías in CDMX. Menu and booking redesign. Prefers WhatsApp "
        "voice notes to email.",
        mix="S:WhatsApp:3 M:Zoom:2 S:email:1", last=30,
    ),
    Person(
        "mateus", "Mateus Oliveira", "", ("client",), "client", cadence=60, birthday="06-27",
        email="mateus@example.com.br",
        notes="CTO at Reserva (restaurant bookings, São Paulo). Design system retainer, ten "
        "days a quarter.",
        mix="M:Zoom:3 S:Slack:3", last=40,
    ),
    Person(
        "kwame", "Kwame Mensah", "", ("client",), "client", cadence=60, birthday="1983-04-04",
        email="kwame.mensah@example.org",
        notes="Programme lead at an education NGO in Accra. Accessibility work on the donor "
        "portal.",
        mix="S:email:3 M:Zoom:1", last=35,
    ),
    Person(
        "margaret", "Margaret O'Brien", "", ("mentor", "friend"), "friend", cadence=90,
        birthday="1949-03-02", phone="+353 91 562 418",
        address="7 Nuns Island Road, Galway H91 E2K8, Ireland", cards=True, lead=10,
        notes="My landlady in Camden for four years; retired English teacher, home in Galway "
        "now. Corrects my grammar, lovingly.",
        mix="C:phone:2 L:letter:2", last=60,
    ),
    Person(
        "dan", "Dan Hughes", "", ("friend",), "friend", archived=True,
        notes="Flatmate in Hackney. Lost touch after he moved to Bristol.",
    ),
]

# Moments, by hand. When: days before ANCHOR, or an ISO date.
# (person, when, kind, direction, channel, note, intent, occasion)
GIVE, ASK = Intent.GIVE, Intent.ASK
BDAY, SEASON, THANKS = Occasion.BIRTHDAY, Occasion.SEASON, Occasion.THANKS
CONDOLENCE, CONGRATS = Occasion.CONDOLENCE, Occasion.CONGRATULATIONS

EVENTS: list[tuple] = [
    # Mum
    ("kyoko", 45, "L", "out", "parcel", "sent the 阿闍梨餅 she likes, and the hand cream", GIVE, None),
    ("kyoko", 44, "S", "in", "LINE", "parcel arrived; a photo of her eating two at once", None, THANKS),
    ("kyoko", 200, "M", "both", "visit", "two nights in Kanazawa; cleared out Grandpa's study", None, None),
    ("kyoko", 560, "M", "both", "visit", "weekend home; took her to the oden place in Higashi Chaya", None, None),
    ("kyoko", "2025-08-14", "L", "out", "parcel", "birthday parcel: a linen scarf and a card", GIVE, BDAY),
    ("kyoko", "2026-08-14", "L", "out", "letter", "birthday card, and booked her the onsen she keeps mentioning", GIVE, BDAY),
    # Grandma
    ("yoko", "2025-12-10", "L", "out", "letter", "birthday letter with prints from Kanazawa; wrote big so she can read it", None, BDAY),
    ("yoko", 30, "C", "out", "phone", "she'd got my letter, read parts of it back to me", None, None),
    ("yoko", 150, "L", "in", "letter", "a letter in her careful handwriting; worried I work too late", None, None),
    ("yoko", 148, "C", "out", "phone", "called to say her letter came; she laughed at my handwriting", None, None),
    ("yoko", 199, "M", "both", "visit", "lunch at hers with Mum: chirashi and far too much tea", None, None),
    # Aunt Yumiko
    ("yumiko", "2025-12-28", "L", "out", "letter", "birthday card with a Tokyo Station sketch", None, BDAY),
    ("yumiko", 300, "S", "in", "LINE", "asked if I know anyone who could redo the shop's website", ASK, None),
    ("yumiko", 298, "S", "out", "LINE", "sent Daisuke's details for the shop site", GIVE, None),
    ("yumiko", 100, "L", "in", "parcel", "a box of 加賀棒茶 with a note from the shop", GIVE, None),
    ("yumiko", 98, "C", "out", "phone", "rang to thank her for the tea; the new site is getting orders", None, THANKS),
    # Cousin Misaki
    ("misaki", "2025-12-20", "S", "out", "LINE", "birthday message and a coffee e-gift", None, BDAY),
    ("misaki", 50, "C", "both", "LINE", "long call after her night shift; thinking of moving back to Kanazawa", None, None),
    ("misaki", 400, "M", "both", "dinner", "kushikatsu in Shinsekai when I was in Osaka for work", None, None),
    # Hannah
    ("hannah", 75, "C", "both", "WhatsApp video", "video call; Lena waved at the camera, Jakob is back at work", None, None),
    ("hannah", 300, "L", "out", "letter", "card for Lena's birth, with a tenugui printed with rabbits", GIVE, CONGRATS),
    ("hannah", 290, "S", "in", "WhatsApp", "photo of Lena asleep on the tenugui", None, THANKS),
    ("hannah", "2025-04-20", "L", "out", "letter", "birthday card, posted early for Austria", None, BDAY),
    ("hannah", "2026-04-20", "L", "out", "letter", "birthday card with a photo of us in Graz, twenty years ago", None, BDAY),
    # Hanako
    ("hanako", 9, "M", "both", "lunch", "lunch in Kichijoji; she's going back to work three days a week", None, None),
    ("hanako", 40, "M", "out", "in person", "dropped off the hand-me-down clothes for Mei", GIVE, None),
    ("hanako", 180, "C", "in", "LINE", "she called about organising the seminar reunion", None, None),
    ("hanako", 178, "S", "out", "LINE", "sent her four venues near Takadanobaba for the reunion", GIVE, None),
    ("hanako", 500, "M", "both", "dinner", "seminar reunion at the izakaya in Takadanobaba; 9 of 14 came", None, None),
    ("hanako", "2025-12-05", "S", "out", "LINE", "birthday message with a photo of us at graduation", None, BDAY),
    # Aiko
    ("aiko", 5, "M", "both", "coffee", "coffee, talked about her move", None, None),
    ("aiko", 20, "S", "out", "LINE", "introduced her to Rafael's friend who rents flats in Fukuoka", GIVE, None),
    ("aiko", 60, "M", "both", "climbing", "bouldering; she finally sent the purple overhang", None, None),
    ("aiko", 120, "S", "in", "LINE", "she got the Fukuoka offer!", None, None),
    ("aiko", 120, "S", "out", "LINE", "congratulations! asked when she starts", None, CONGRATS),
    ("aiko", 176, "M", "both", "dinner", "her birthday dinner at the Thai place in Koenji, six of us", GIVE, BDAY),
    # Shota
    ("shota", 252, "S", "in", "LINE", "his shop was on NHK Kanazawa last night", None, None),
    ("shota", 250, "S", "out", "LINE", "congrats; said I'll come by for the new sake when I'm home", None, CONGRATS),
    # Megumi (mourning)
    ("megumi", 93, "M", "both", "in person", "her father's wake in Urawa; she was holding up, her mother less so", None, CONDOLENCE),
    ("megumi", 90, "L", "out", "letter", "wrote afterwards; said there's no need to reply", None, CONDOLENCE),
    ("megumi", 16, "L", "in", "postcard", "喪中はがき: no New Year greetings from her this time", None, None),
    ("megumi", 15, "S", "out", "LINE", "said I'll send a 寒中見舞い instead of a New Year card; thinking of her", None, None),
    # Priya (the reply owed)
    ("priya", 6, "S", "in", "WhatsApp", "voice note: she's in Tokyo for a conference, can she stay a few nights?", ASK, None),
    ("priya", 35, "C", "both", "WhatsApp video", "the startup raised its round; exhausted but happy", None, None),
    ("priya", 200, "S", "out", "WhatsApp", "sent my summary of the JIS accessibility rules for her team", GIVE, None),
    # Sophie and Chloé
    ("sophie", 25, "S", "in", "WhatsApp", "asked me to look after her friend Chloé, who's moving to Tokyo", ASK, None),
    ("sophie", 24, "S", "out", "WhatsApp", "of course; sent my LINE for Chloé", GIVE, None),
    ("sophie", 400, "M", "both", "dinner", "in Tokyo for the illustration fair; dinner in Golden Gai", None, None),
    ("sophie", "2025-09-01", "L", "out", "letter", "birthday card with a Hokusai print", None, BDAY),
    ("sophie", 260, "S", "in", "email", "the wedding photos, finally", None, None),
    # Chen
    ("chen", 40, "C", "both", "LINE", "she's coming to Tokyo for a trade show; wants an onsen day", None, None),
    ("chen", 330, "M", "both", "dinner", "Taiwanese dinner in Shin-Okubo; she brought pineapple cakes", None, None),
    ("chen", "2025-07-16", "S", "out", "LINE", "生日快樂 and far too many stickers", None, BDAY),
    # Minjun
    ("minjun", 22, "S", "in", "KakaoTalk", "mock JLPT score 142! asked me to check his cover letter", ASK, None),
    ("minjun", 21, "S", "out", "KakaoTalk", "corrected his Japanese cover letter, marked the keigo", GIVE, None),
    ("minjun", 380, "M", "both", "dinner", "in Tokyo for a week; dinner at our old language-exchange café", None, None),
    # Anna (snoozed)
    ("anna", 112, "S", "in", "email", "fieldwork: away four months, no signal after the first week", None, None),
    ("anna", 110, "S", "out", "email", "wished her luck; asked for photos of the ice", None, None),
    ("anna", 420, "C", "both", "Zoom", "Zoom from her lab; showed me ice cores in the freezer room", None, None),
    ("anna", "2025-10-30", "S", "out", "email", "birthday email with our photo at the Kumano Kodo sign", None, BDAY),
    # Ingrid
    ("ingrid", 175, "L", "in", "letter", "six pages, a pressed flower and a drawing of Sigge", None, None),
    ("ingrid", 170, "L", "out", "letter", "birthday letter and a reply to hers; a furoshiki folded into the envelope", GIVE, BDAY),
    ("ingrid", "2025-06-09", "L", "out", "letter", "birthday letter, with the washi tape she likes", None, BDAY),
    # Rafael
    ("rafael", 11, "M", "both", "climbing", "bouldering, then gyoza; quizzed him on N2 kanji", None, None),
    ("rafael", 90, "M", "both", "dinner", "his visa came through: three more years. Celebrated in Ogikubo", None, CONGRATS),
    ("rafael", 300, "S", "out", "LINE", "sent him Aiko's contact for the competition team", GIVE, None),
    # Olivia
    ("olivia", 55, "C", "both", "FaceTime", "FaceTime from her studio; showed me the glaze tests", None, None),
    ("olivia", 210, "L", "in", "parcel", "a small cup from her studio, wrapped in newspaper", GIVE, None),
    ("olivia", 205, "S", "out", "email", "thank-you email with a photo of the cup in use", None, THANKS),
    # Fatima
    ("fatima", 100, "S", "both", "WhatsApp", "voice notes about her competition entry for a library in Rabat", None, None),
    ("fatima", 350, "S", "in", "WhatsApp", "photos from Sophie's wedding", None, None),
    # Ngozi
    ("ngozi", 110, "C", "both", "Zoom", "Zoom: she wants me to run a session for her students", None, None),
    ("ngozi", 108, "S", "out", "email", "sent an outline for a one-hour session on user interviews", GIVE, None),
    ("ngozi", "2025-08-04", "S", "out", "email", "birthday email; asked about the school's new building", None, BDAY),
    # Eleni
    ("eleni", 560, "M", "both", "conference", "met at UX Athens after my talk; she asked about Japan's accessibility law", None, None),
    ("eleni", 300, "S", "out", "email", "sent her my list of Japanese design conferences and CFP dates", GIVE, None),
    # Ken
    ("ken", 61, "M", "both", "dinner", "yakitori in Sangenjaya; he loves teaching, hates the committee meetings", None, None),
    ("ken", 310, "L", "out", "parcel", "sent him the exhibition catalogue he couldn't find", GIVE, None),
    ("ken", 290, "M", "both", "coffee", "asked him to look over my new rate card; he said double it", ASK, None),
    ("ken", 285, "S", "out", "email", "thanks for the rate card advice; went up 20%", None, THANKS),
    # Prof. Kato
    ("naoki", 3, "L", "out", "letter", "birthday letter; told him about the Hakone workshop, enclosed the group photo", None, BDAY),
    ("naoki", 130, "L", "out", "letter", "long letter: news, the accessibility talk, asked after his back", None, None),
    ("naoki", 100, "L", "in", "letter", "reply by hand: eleven students this year, none of them write letters", None, None),
    ("naoki", "2025-12-15", "L", "out", "letter", "birthday letter with the alumni newsletter clipping about him", None, BDAY),
    ("naoki", 380, "M", "both", "visit", "lab open day; he introduced me as 'the one who writes back'", None, None),
    # Daisuke
    ("daisuke", 25, "M", "both", "lunch", "lunch in Kuramae; he's swamped, passed me a small e-commerce job", None, None),
    ("daisuke", 298, "S", "out", "Slack", "recommended him to Aunt Yumiko for the kimono shop site", GIVE, None),
    ("daisuke", 150, "M", "both", "Zoom", "paired on the Reserva design tokens", None, None),
    # Emily
    ("emily", 45, "C", "both", "Zoom", "talked through going full-time vs staying freelance", None, None),
    ("emily", 47, "S", "out", "email", "sent her my Kyoto ryokan list for her trip", GIVE, None),
    ("emily", 230, "C", "both", "Zoom", "mentoring call: portfolio review, cut it to six projects", None, None),
    ("emily", 200, "S", "out", "email", "asked if she'd write me a LinkedIn recommendation", ASK, None),
    ("emily", 198, "S", "in", "email", "she wrote a generous recommendation", GIVE, None),
    ("emily", 197, "S", "out", "email", "thank you, framed it (not really)", None, THANKS),
    ("emily", "2026-02-07", "L", "out", "letter", "birthday card with a Tokyo subway map sticker", None, BDAY),
    # Tom
    ("tom", 212, "S", "in", "WhatsApp", "photo of the agency's new office: beanbags are back", None, None),
    ("tom", 210, "S", "out", "WhatsApp", "sent him our old desk sign, which I still have", None, None),
    # Ben (the cold ask)
    ("ben", 22, "S", "out", "LinkedIn", "asked if he'd refer me for the contract role at Fernleaf; first message in over a year", ASK, None),
    ("ben", 20, "S", "in", "email", "said yes and sent the referral form; a bit formal", None, None),
    ("ben", 20, "S", "out", "email", "thanked him; offered coffee next time I'm in London", None, THANKS),
    # Lukas
    ("lukas", 150, "C", "both", "Zoom", "the museum app won a small award; he's still annoyed about the map", None, None),
    ("lukas", 460, "M", "both", "dinner", "passing through Tokyo; ramen crawl in Ogikubo", None, None),
    # Grace
    ("grace", 85, "S", "out", "email", "sent her the list of Tokyo type foundries for her team", GIVE, None),
    ("grace", 100, "C", "both", "Zoom", "how to say no to scope creep without losing the client", None, None),
    ("grace", 165, "C", "both", "Zoom", "pricing workshops; she thinks I undercharge", None, None),
    ("grace", 140, "S", "out", "email", "asked if she'd recommend me for the Seoul Design Week speakers", ASK, None),
    ("grace", 120, "S", "in", "email", "she recommended me; the organisers wrote", GIVE, None),
    ("grace", 118, "S", "out", "email", "thanked her; sent my draft abstract", None, THANKS),
    # Lan
    ("lan", 75, "S", "out", "Messenger", "reviewed her portfolio for the Hanoi agency job: three pages of notes", GIVE, None),
    ("lan", 62, "S", "in", "Messenger", "she got the job!", None, THANKS),
    ("lan", 61, "S", "out", "Messenger", "congratulations; asked about the team", None, CONGRATS),
    # Sasha
    ("sasha", 150, "S", "out", "Telegram", "sent him Lukas's list of Tbilisi bakeries", GIVE, None),
    # Kenji (new)
    ("kenji", 36, "M", "both", "meetup", "met at UX Tokyo; his studio might need help with a hotel site", None, None),
    # Sam
    ("sam", 300, "S", "out", "email", "sent the documents for the self-assessment", None, None),
    ("sam", 298, "S", "in", "email", "filed; a small balance to pay by the end of January", None, None),
    # Makoto
    ("makoto", 720, "M", "both", "office", "first meeting at their office in Shibuya; lovely, slightly chaotic", None, None),
    ("makoto", 712, "S", "out", "email", "sent the proposal for the website and booking form", ASK, None),
    ("makoto", 706, "S", "in", "email", "proposal accepted, start in January", None, None),
    ("makoto", 70, "S", "out", "email", "sent notes from the accessibility workshop with screenshots of their form (no charge)", GIVE, None),
    ("makoto", 65, "M", "both", "office", "workshop with the site team at their office, three hours", None, None),
    ("makoto", 64, "S", "out", "email", "asked if they'd give a short testimonial for my site", ASK, None),
    ("makoto", 55, "S", "in", "email", "testimonial arrived: 木村さん wrote it, 高橋さん signed it", GIVE, None),
    ("makoto", 23, "M", "both", "Zoom", "booking form prototype review; they want LINE login", None, None),
    # Takuya (give next)
    ("takuya", 78, "S", "out", "email", "shared my teardown of competitors' onboarding, free", GIVE, None),
    ("takuya", 70, "M", "both", "Zoom", "walked through the teardown; lukewarm on budget", None, None),
    ("takuya", 69, "S", "out", "email", "pitched an onboarding audit for next quarter; sent the proposal", ASK, None),
    ("takuya", "2026-02-28", "S", "out", "email", "happy (almost) leap-day birthday", None, BDAY),
    # José (give next)
    ("jose", 26, "M", "both", "Zoom", "walked through the new menus; the mezcal list is now longer than the food", None, None),
    ("jose", 20, "S", "out", "WhatsApp", "sent the quote for the menu and booking redesign, two sites", ASK, None),
    ("jose", 200, "S", "in", "WhatsApp", "voice note: recommended me to a bakery chain owner", GIVE, None),
    ("jose", 199, "S", "out", "WhatsApp", "thanked him; the bakery call is booked", None, THANKS),
    ("jose", 150, "S", "out", "email", "introduced him to Mateus: both in restaurant bookings", GIVE, None),
    ("jose", "2025-09-30", "S", "out", "WhatsApp", "feliz cumpleaños voice note, terrible accent", None, BDAY),
    # Mateus
    ("mateus", 33, "M", "both", "Zoom", "quarterly review: the design tokens are finally in their app", None, None),
    ("mateus", 150, "S", "out", "Slack", "introduced him to José: both in restaurant bookings", GIVE, None),
    ("mateus", 300, "M", "both", "Zoom", "renewed the retainer for another year", None, None),
    # Kwame
    ("kwame", 30, "S", "out", "email", "sent the contrast audit of the donor portal", None, None),
    ("kwame", 100, "S", "out", "email", "sent a list of free screen-reader testing tools", GIVE, None),
    # Margaret (the card owed)
    ("margaret", 4, "C", "out", "phone", "rang to thank her for the card; she's rereading Ishiguro", None, THANKS),
    ("margaret", "2026-02-20", "L", "out", "letter", "birthday letter, four pages, and a photo of the old Camden door", None, BDAY),
    ("margaret", 150, "L", "in", "letter", "long letter: her niece's wedding, the book club, 'are you eating properly'", None, None),
    ("margaret", 140, "L", "out", "letter", "replied with news and a sketch of my desk", None, None),
    # Dan (archived)
    ("dan", "2025-02-10", "S", "out", "WhatsApp", "asked how Bristol is treating him", None, None),
    ("dan", "2025-02-14", "S", "in", "WhatsApp", "short reply, busy with the new job", None, None),
    ("dan", "2025-05-02", "S", "out", "WhatsApp", "our old Hackney flat is for sale; sent him the listing", None, None),
]

# Season cards. Seasons 2025 and 2026 are before ANCHOR's season (2027); in that season only
# Margaret's early Christmas card has come, and it is not answered yet.
# person: (style, {season: "both" | "out" | "in" | "reply"})   reply = theirs came first
CARDS = {
    "yoko": ("nengajo", {2025: "both", 2026: "both"}),
    "yumiko": ("nengajo", {2025: "both", 2026: "both"}),
    "misaki": ("nengajo", {2026: "both"}),
    "hanako": ("nengajo", {2025: "both", 2026: "both"}),
    "shota": ("nengajo", {2025: "both", 2026: "reply"}),
    "megumi": ("nengajo", {2025: "both", 2026: "both"}),
    "ken": ("nengajo", {2025: "both", 2026: "both"}),
    "naoki": ("nengajo", {2025: "both", 2026: "both"}),
    "daisuke": ("nengajo", {2026: "reply"}),
    "makoto": ("nengajo", {2025: "both", 2026: "both"}),
    "takuya": ("nengajo", {2026: "reply"}),
    "margaret": ("christmas", {2025: "both", 2026: "both", 2027: "in"}),
    "ingrid": ("christmas", {2025: "both", 2026: "both"}),
    "hannah": ("christmas", {2025: "both", 2026: "both"}),
    "olivia": ("christmas", {2025: "out"}),
    "lukas": ("christmas", {2026: "out"}),
}

CARD_NOTES = {
    ("yoko", "out"): ["年賀状 with a photo of Mum and me at Kenroku-en, written big",
                      "年賀状, handwritten, with a photo print tucked in"],
    ("yoko", "in"): ["年賀状 in her brush writing; 'come home more often'",
                     "年賀状, brush-written as always; a line about her knees"],
    ("yumiko", "in"): ["年賀状 from the shop, with a kimono pattern", "年賀状: the shop's card, "
                       "her note says the new website brings customers"],
    ("hanako", "in"): ["年賀状: Sora and Mei in matching sweaters", "年賀状 with Mei's first "
                       "drawing printed on it"],
    ("shota", "in"): ["年賀状 from the sake shop, a sake cup stamp", "年賀状: 'come by the shop, "
                      "the new brew is good'"],
    ("megumi", "in"): ["年賀状 with a photo of her and her father at the sea",
                       "年賀状, short: 'let's have lunch soon'"],
    ("ken", "in"): ["年賀状: a terrible pun, as promised", "年賀状 with a photo of his students"],
    ("naoki", "in"): ["年賀状, handwritten, a line of haiku", "年賀状: 'keep writing'"],
    ("makoto", "in"): ["年賀状: the company card, signed by the whole team",
                       "年賀状 from Takahashi Kōmuten; 木村さん added a smiley"],
    ("margaret", "in"): ["Christmas card: robins, and a long P.S. about the garden",
                         "Christmas card and a two-page letter",
                         "Christmas card already: a robin, and 'the hip is grand now'"],
    ("margaret", "out"): ["Christmas card with a Hiroshige print and a short letter",
                          "Christmas card, posted early enough this time"],
    ("ingrid", "in"): ["julkort with a drawing of Mulle and Sigge",
                       "julkort and a pressed snowdrop"],
    ("ingrid", "out"): ["Christmas card with a Kyoto temple print", "Christmas card and a "
                        "furoshiki-wrapped bookmark"],
    ("hannah", "in"): ["Weihnachtskarte with Jakob's photo of the Schlossberg",
                       "Weihnachtskarte with Lena's handprint"],
    ("hannah", "out"): ["Christmas card and a picture book for Lena", "Christmas card with "
                        "origami cranes"],
}
NENGAJO_OUT = [
    "年賀状 with the Hakone photo and a handwritten line",
    "年賀状: wrote 'let's actually meet this year'",
    "年賀状, printed design, one line by hand",
    "年賀状 with a small watercolour I painted",
    "年賀状, short note about the freelance work",
]
NENGAJO_IN = [
    "年賀状 with a family photo",
    "年賀状: printed, one handwritten line, 'お元気ですか'",
    "年賀状 with news of a new house",
    "年賀状, a photo of the kids",
]
CHRISTMAS_OUT = ["Christmas card with a Hiroshige print", "Christmas card and a short letter"]
CHRISTMAS_IN = ["Christmas card with a photo", "Christmas card and a long P.S."]

# --- the routine: note pools ----------------------------------------------------------------

MEETING_NOTES = {
    "coffee": [
        "coffee at the roastery by the station",
        "quick coffee; mostly talked about work",
        "coffee and a walk round Inokashira pond",
        "long catch-up over coffee, lost track of time",
        "coffee before the gym",
        "coffee in Nishi-Ogikubo; swapped books",
        "coffee; talked about burnout and saying no",
        "short coffee, both on deadlines",
        "coffee at the old kissaten, terrible pudding",
        "coffee; planned a trip we'll probably never take",
        "coffee, then the used bookshops",
        "coffee and people-watching in Kichijoji",
    ],
    "lunch": [
        "soba lunch near Kuramae",
        "lunch in Shibuya between meetings",
        "curry lunch; talked about freelancing",
        "long lunch, phones away",
        "tonkatsu lunch; ate too much",
        "bento in the park",
        "lunch in Ebisu; family stuff mostly",
        "quick ramen lunch",
        "teishoku lunch near the station",
        "lunch; caught up on everything",
    ],
    "dinner": [
        "izakaya by the station; stayed too late",
        "yakiniku, celebrating nothing in particular",
        "dinner in Koenji, then the record bar",
        "okonomiyaki, cooked it ourselves, badly",
        "dinner at their place; home-made gyoza",
        "dinner and a long walk home",
        "dinner; talked about parents getting older",
        "gyoza and beer after work",
    ],
    "climbing": [
        "bouldering at B-Pump",
        "bouldering; worked the overhang for an hour",
        "climbing, then gyoza",
        "climbing session, sore fingers",
        "bouldering, new problems set this week",
        "climbing; spotted each other on the slab",
        "short session, mostly chatting on the mats",
        "bouldering, then smoothies next door",
    ],
    "Zoom:work": [
        "catch-up; compared notes on clients",
        "career chat; what to say yes to next",
        "advice on the conference talk",
        "talked about pricing",
        "quick catch-up, mostly laughing about the old agency",
    ],
    "Zoom:client": [
        "weekly check-in",
        "review of the latest designs",
        "walked through the usability findings",
        "planning the next sprint",
        "scoped phase two",
        "twenty-minute check-in, all on track",
        "feedback round on the prototype",
        "with their developers about the component library",
    ],
}

MESSAGE_NOTES = {
    ("friend", "out"): [
        "sent a photo of the ramen place we went to",
        "shared a podcast episode we'd talked about",
        "checked in after seeing the news",
        "sent a book recommendation",
        "asked how the new job is going",
        "quick hello, nothing in particular",
        "sent the link to the exhibition we mentioned",
        "shared photos from the weekend",
        "asked after the family",
        "sent a playlist",
        "sent an old photo from London",
        "asked for the recipe from last time",
    ],
    ("friend", "in"): [
        "photos from their trip",
        "asked how I'm doing",
        "sent a link to an exhibition we should see",
        "wished me luck for the pitch",
        "news: promoted to lead",
        "six-minute voice note, mostly about work",
        "a meme about freelancers",
        "asked for a Tokyo restaurant tip for a friend",
        "a photo of a Japanese sign they spotted",
        "a long message about the new flat",
    ],
    ("family", "out"): [
        "sent photos from the weekend",
        "stickers back and forth",
        "sent the recipe link",
        "sent a photo of my lunch (she asked)",
        "asked about the hospital appointment",
        "sent the train times for my visit",
        "sent a photo of the neighbour's cat",
        "asked if the parcel came",
    ],
    ("family", "in"): [
        "photos of the garden",
        "a photo of a newspaper clipping",
        "asked if I'm eating properly",
        "forwarded a chain message, again",
        "asked when I'm coming home",
        "a photo of dinner",
        "news about the neighbours",
        "stickers, lots of stickers",
    ],
    ("work", "out"): [
        "shared an article on design systems",
        "sent a job post that fits",
        "asked about the conference in Osaka",
        "congrats on the launch",
        "swapped notes on freelance rates",
        "sent the slides from my talk",
        "sent a contrast-checking tool",
        "asked how the new team is",
        "sent the meetup link",
        "quick hello after seeing their post",
    ],
    ("work", "in"): [
        "asked what I think of a candidate's portfolio",
        "shared their new project",
        "sent the slides from their talk",
        "asked if I'm free for a small job",
        "forwarded a job post",
        "congratulated me on the talk",
    ],
    ("client", "out"): [
        "sent the wireframes for review",
        "status update: on track for the release",
        "sent the invoice",
        "sent the revised designs",
        "sent the usability test summary",
        "shared the component documentation",
        "sent the meeting notes and next steps",
        "sent three options for the homepage",
        "followed up on the feedback",
        "sent the accessibility checklist for their devs",
    ],
    ("client", "in"): [
        "feedback on the wireframes, mostly fine",
        "asked for a small change on the menu page",
        "paid the invoice",
        "asked to move the review",
        "sent the copy for the new pages",
        "forwarded a customer complaint about the form",
        "approved the designs",
        "asked about the timeline for phase two",
    ],
}

CALL_NOTES = {
    "friend": [
        "an hour, mostly laughing",
        "video call, tour of the new flat",
        "caught up on family news",
        "called on my walk home",
        "talked through a job decision",
        "short call; will talk properly soon",
        "the kind of call where you forget the time",
        "talked about travel plans",
        "they're thinking of moving",
    ],
    "family": [
        "weekly call, the usual news",
        "the hospital check-up went fine",
        "long call; old stories",
        "short call, tired but cheerful",
        "called to say the parcel arrived",
        "the neighbours have a new dog",
        "TV dramas and the price of vegetables",
        "asked about my work, pretended to follow",
        "talked about visiting the family grave",
        "planning my next visit home",
    ],
    "work": [
        "about a project they're quoting",
        "do I know a good illustrator (yes: Sophie)",
        "catching up; the agency is reorganising again",
        "about the conference programme",
    ],
    "client": [
        "about the deadline",
        "clarified the scope",
        "with their marketing lead",
        "about the invoice dates",
    ],
}

LETTER_NOTES = {
    "out": [
        "letter with a few photos",
        "short letter; enclosed a newspaper clipping",
        "postcard from the Kamakura day trip",
        "long letter, three pages",
        "letter and a tenugui as a bookmark",
        "postcard of the Kichijoji station mural",
    ],
    "in": [
        "letter in careful handwriting",
        "postcard with a lighthouse",
        "letter with photos of the garden",
        "short letter, mostly questions about me",
        "letter; news from home",
    ],
}

GIVE_NOTES = {
    "friend": [
        "sent the link to a flat listing that fits what they want",
        "sent a job lead for a friend of theirs",
        "recommended a good osteopath near them",
        "sent my notes from a talk they missed",
        "shared my Japan travel doc for their visiting friends",
    ],
    "work": [
        "shared a job lead",
        "sent my notes from the workshop",
        "shared my proposal template",
        "introduced them to a front-end developer",
    ],
    "client": [
        "sent a free checklist for their content team",
        "flagged a bug on their live site, with a fix",
        "sent notes from a talk relevant to them",
    ],
}


# --- building ---------------------------------------------------------------------------------


class Builder:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.used_ids: set[str] = set()
        self.pools: dict[tuple, list[str]] = {}

    def new_id(self) -> str:
        while True:
            candidate = f"{self.rng.getrandbits(48):012x}"
            if candidate not in self.used_ids:
                self.used_ids.add(candidate)
                return candidate

    def draw(self, key: tuple, pool: list[str]) -> str:
        """A note from `pool`, not repeated for one person until the pool is used up."""
        left = self.pools.get(key)
        if not left:
            left = list(pool)
            self.rng.shuffle(left)
            self.pools[key] = left
        return left.pop()

    def stamp(self, day: date, kind: Kind) -> datetime:
        """When the entry was logged: the evening for meetings and calls, any time for others."""
        if kind in (Kind.MEETING, Kind.CALL):
            minutes = self.rng.randrange(18 * 60, 23 * 60)
        else:
            minutes = self.rng.randrange(7 * 60 + 30, 23 * 60 + 30)
        return datetime.combine(day, time(minutes // 60, minutes % 60))

    def interaction(
        self, p: Person, day: date, kind: Kind, direction: Direction, channel: str, note: str,
        intent: Intent | None = None, occasion: Occasion | None = None,
    ) -> Interaction:
        return Interaction(
            id=self.new_id(), contact_id=p.extra["id"], kind=kind, date=day,
            direction=direction, channel=channel, note=note, intent=intent, occasion=occasion,
            created=self.stamp(day, kind),
        )

    # -- routine --

    def routine(self, p: Person, busy: set[date]) -> list[Interaction]:
        if p.last is None or not p.mix:
            return []
        choices = []
        for kind, channel, weight in re.findall(r"([LMSC]):([^:]+):([\d.]+)", p.mix):
            choices.append((K[kind], channel.strip(), float(weight)))
        start = max(HISTORY_START, p.extra["created"].date())
        if p.first is not None:
            start = max(start, ANCHOR - timedelta(days=p.first))
        gap = p.gap or p.cadence or 90
        day = ANCHOR - timedelta(days=p.last)
        letter_free_from = ANCHOR + timedelta(days=1)
        if p.birthday:
            coming = next_birthday(Birthday.parse(p.birthday), ANCHOR)
            letter_free_from = coming - timedelta(days=LETTER_DONE_DAYS)
        found: list[Interaction] = []
        first = True
        while day >= start:
            if not any(abs((day - b).days) <= 2 for b in busy):
                kind, channel, _ = self.rng.choices(choices, weights=[c[2] for c in choices])[0]
                if kind is Kind.LETTER and day >= letter_free_from:
                    kind, channel = Kind.CALL, "phone"  # the coming birthday's letter is not sent yet
                found.append(self.routine_one(p, day, kind, channel, latest=first))
                first = False
            step = gap * p.steady * self.rng.uniform(0.6, 1.4)
            day -= timedelta(days=max(1, round(step)))
        return found

    def routine_one(
        self, p: Person, day: date, kind: Kind, channel: str, latest: bool
    ) -> Interaction:
        rng = self.rng
        group = p.group
        intent = None
        if kind is Kind.MEETING:
            direction = Direction.BOTH
            if channel == "Zoom":
                pool_key = "Zoom:client" if group == "client" else "Zoom:work"
                note = "Zoom: " + self.draw((p.key, pool_key), MEETING_NOTES[pool_key])
            else:
                note = self.draw((p.key, channel), MEETING_NOTES[channel])
        elif kind is Kind.CALL:
            direction = rng.choices(
                [Direction.OUT, Direction.IN, Direction.BOTH], weights=[5, 3, 2]
            )[0]
            note = self.draw((p.key, "call"), CALL_NOTES[group])
        elif kind is Kind.LETTER:
            direction = Direction.OUT if rng.random() < 0.65 else Direction.IN
            if latest:
                direction = Direction.OUT
            note = self.draw((p.key, "letter", direction), LETTER_NOTES[direction.value])
        else:
            direction = rng.choices([Direction.OUT, Direction.IN], weights=[6, 4])[0]
            if latest:
                direction = Direction.OUT
            pool_group = group if (group, "out") in MESSAGE_NOTES else "friend"
            if direction is Direction.OUT and group != "family" and rng.random() < 0.07:
                intent = Intent.GIVE
                note = self.draw((p.key, "give"), GIVE_NOTES[group])
            else:
                note = self.draw(
                    (p.key, "msg", direction), MESSAGE_NOTES[(pool_group, direction.value)]
                )
        if latest and direction is Direction.IN:
            direction = Direction.BOTH
        if kind is Kind.LETTER and note.startswith("postcard"):
            channel = "postcard"
        if rng.random() < 0.12 and intent is None:
            note = ""  # not every entry gets a note
        return self.interaction(p, day, kind, direction, channel, note, intent)

    # -- season cards --

    def cards(self, p: Person) -> list[Interaction]:
        if p.key not in CARDS:
            return []
        style, seasons = CARDS[p.key]
        rng = self.rng
        found = []
        for season, how in sorted(seasons.items()):
            if style == "nengajo":
                out_day = date(season - 1, 12, rng.randrange(18, 27))
                in_day = date(season, 1, rng.choice([1, 1, 1, 2, 3]))
                if how == "reply":
                    out_day = in_day + timedelta(days=rng.randrange(2, 6))
                channel = "postcard"
            else:
                out_day = date(season - 1, 12, rng.randrange(3, 10))
                in_day = date(season - 1, 12, rng.randrange(10, 21))
                channel = "card"
            if season == 2027:  # this season: Margaret's early card
                in_day = ANCHOR - timedelta(days=5)
            legs = {"both": ("out", "in"), "reply": ("in", "out"), "out": ("out",),
                    "in": ("in",)}[how]
            for leg in legs:
                day = out_day if leg == "out" else in_day
                found.append(self.interaction(
                    p, day, Kind.LETTER, D[leg], channel,
                    self.card_note(p, style, leg, season, how), occasion=Occasion.SEASON,
                ))
        return found

    def card_note(self, p: Person, style: str, leg: str, season: int, how: str) -> str:
        if how == "reply" and leg == "out":
            return "年賀状 back; theirs came first"
        own = CARD_NOTES.get((p.key, leg))
        if own:
            return own[min(season - 2025, len(own) - 1)]
        if style == "nengajo":
            pool = NENGAJO_OUT if leg == "out" else NENGAJO_IN
        else:
            pool = CHRISTMAS_OUT if leg == "out" else CHRISTMAS_IN
        return self.draw((p.key, "card", leg), pool)

    # -- the whole journal --

    def contacts(self) -> list[Contact]:
        found = []
        for p in PEOPLE:
            p.extra["id"] = self.new_id()
            if p.since is not None:
                minutes = self.rng.randrange(8 * 60, 23 * 60)
                created = datetime.combine(p.since, time(minutes // 60, minutes % 60))
            else:
                back = self.rng.randrange(0, 45)
                created = datetime.combine(HISTORY_START - timedelta(days=back), time(21, 0))
                created += timedelta(minutes=self.rng.randrange(0, 120))
            p.extra["created"] = created
            updated = created
            if p.since is None and self.rng.random() < 0.6:
                updated = created + timedelta(days=self.rng.randrange(30, 700), hours=1)
                updated = min(updated, datetime.combine(ANCHOR, time(8, 0)))
            found.append(Contact(
                id=p.extra["id"], name=p.name, reading=p.reading, tags=p.tags,
                birthday=Birthday.parse(p.birthday) if p.birthday else None,
                cadence_days=p.cadence,
                snoozed_until=ANCHOR + timedelta(days=p.snoozed) if p.snoozed else None,
                emails=several([p.email, *(m for m in p.more if "@" in m)]),
                phones=several([p.phone, *(m for m in p.more if "@" not in m)]),
                addresses=several([p.address]), nickname=p.nickname, org=p.org,
                letter_lead_days=p.lead,
                notes=p.notes, created=created, updated=updated, archived=p.archived,
                season_cards=p.cards, no_cards_until=p.no_cards_until,
                no_cards_reason=p.no_cards_reason,
            ))
        return found

    def interactions(self) -> list[Interaction]:
        by_key = {p.key: p for p in PEOPLE}
        scripted: dict[str, list[Interaction]] = {p.key: [] for p in PEOPLE}
        for key, when, kind, direction, channel, note, intent, occasion in EVENTS:
            p = by_key[key]
            day = ANCHOR - timedelta(days=when) if isinstance(when, int) else date.fromisoformat(when)
            made = self.interaction(p, day, K[kind], D[direction], channel, note, intent, occasion)
            # Moments of one day are logged in the order they are listed.
            earlier = [i.created for i in scripted[key] if i.date == day]
            if earlier and made.created <= max(earlier):
                later = max(earlier) + timedelta(minutes=self.rng.randrange(5, 90))
                made = replace(made, created=later)
            scripted[key].append(made)
        found = []
        for p in PEOPLE:
            own = scripted[p.key] + self.cards(p)
            busy = {i.date for i in own}
            own += self.routine(p, busy)
            for i in own:
                if i.date > ANCHOR or i.date < p.extra["created"].date() - timedelta(days=60):
                    raise SystemExit(f"{p.key}: {i.date} is outside the journal's time")
            found += own
        found.sort(key=lambda i: (i.date, i.created, i.id))
        return found


def build(path: Path = OUT) -> Path:
    builder = Builder()
    contacts = builder.contacts()
    interactions = builder.interactions()
    for leftover in (path, path.with_name(path.name + ".lock")):
        leftover.unlink(missing_ok=True)
    store = Store.open(path)
    with store.batch():
        store.bulk_add(contacts, interactions)
        store.set_meta("demo_anchor", ANCHOR.isoformat())
    path.with_name(path.name + ".lock").unlink(missing_ok=True)
    path.chmod(0o644)  # sample data, not a private journal
    return path


def summary(path: Path) -> str:
    from journal import rules

    store = Store.open(path)
    pairs = store.pairs()
    season = rules.current_season(ANCHOR)
    cards = rules.card_season(pairs, season)
    last = rules.card_season(pairs, season - 1)
    cold = [c.name for c, ii in pairs for i in ii if rules.is_cold_ask(i, ii)]
    lines = [
        f"{path}: {len(store)} people ({len(store.pairs())} active), "
        f"{len(store.all_interactions())} interactions, as of {ANCHOR}",
        "overdue: " + ", ".join(
            f"{s.contact.name}{' (reply owed)' if s.reply_owed else ''}"
            for s in rules.overdue(pairs, ANCHOR)
        ),
        "birthdays (60 days): " + ", ".join(
            f"{e.contact.name} {e.next_birthday}{' done' if e.done else ''}"
            for e in rules.upcoming_birthdays(pairs, ANCHOR)
        ),
        "cold asks: " + ", ".join(cold),
        "give next: " + ", ".join(c.name for c, ii in pairs if rules.give_next(ii, ANCHOR)),
        f"season {season}: to send {len(cards.to_send)}, owed "
        + ", ".join(c.name for c in cards.owed)
        + "; skipped " + ", ".join(f"{c.name} ({c.no_cards_reason})" for c in cards.skipped),
        f"season {season - 1}: sent {len(last.sent)}, received {len(last.received)}",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    out = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(summary(out))
