"""Name pools for generated journals: several scripts, Japanese names with their readings.

`person_name(rng)` returns `(name, reading, script)`. Japanese names carry a hiragana reading
(furigana); Chinese and Korean names sometimes carry the katakana reading a Japanese user
would type; Latin names include accented letters; a few are Cyrillic or Greek.
"""

from __future__ import annotations

import random

# (kanji, hiragana)
JAPANESE_FAMILY = [
    ("佐藤", "さとう"), ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか"),
    ("伊藤", "いとう"), ("渡辺", "わたなべ"), ("山本", "やまもと"), ("中村", "なかむら"),
    ("小林", "こばやし"), ("加藤", "かとう"), ("吉田", "よしだ"), ("山田", "やまだ"),
    ("佐々木", "ささき"), ("山口", "やまぐち"), ("松本", "まつもと"), ("井上", "いのうえ"),
    ("木村", "きむら"), ("林", "はやし"), ("斎藤", "さいとう"), ("清水", "しみず"),
    ("山崎", "やまざき"), ("森", "もり"), ("池田", "いけだ"), ("橋本", "はしもと"),
    ("阿部", "あべ"), ("石川", "いしかわ"), ("山下", "やました"), ("中島", "なかじま"),
    ("石井", "いしい"), ("小川", "おがわ"), ("前田", "まえだ"), ("岡田", "おかだ"),
    ("長谷川", "はせがわ"), ("藤田", "ふじた"), ("後藤", "ごとう"), ("近藤", "こんどう"),
    ("村上", "むらかみ"), ("遠藤", "えんどう"), ("青木", "あおき"), ("坂本", "さかもと"),
    ("斉藤", "さいとう"), ("福田", "ふくだ"), ("太田", "おおた"), ("西村", "にしむら"),
    ("藤井", "ふじい"), ("岡本", "おかもと"), ("松田", "まつだ"), ("中川", "なかがわ"),
    ("原田", "はらだ"), ("小野", "おの"), ("竹内", "たけうち"), ("金子", "かねこ"),
    ("和田", "わだ"), ("中山", "なかやま"), ("石田", "いしだ"), ("上田", "うえだ"),
    ("森田", "もりた"), ("小島", "こじま"), ("柴田", "しばた"), ("工藤", "くどう"),
]

JAPANESE_GIVEN = [
    ("花子", "はなこ"), ("愛子", "あいこ"), ("健", "けん"), ("誠", "まこと"),
    ("美咲", "みさき"), ("翔太", "しょうた"), ("由美子", "ゆみこ"), ("大輔", "だいすけ"),
    ("恵", "めぐみ"), ("直樹", "なおき"), ("さくら", "さくら"), ("拓也", "たくや"),
    ("陽子", "ようこ"), ("健二", "けんじ"), ("京子", "きょうこ"), ("悠人", "ゆうと"),
    ("陽菜", "ひな"), ("結衣", "ゆい"), ("蓮", "れん"), ("湊", "みなと"),
    ("大翔", "ひろと"), ("葵", "あおい"), ("凛", "りん"), ("樹", "いつき"),
    ("真由美", "まゆみ"), ("裕子", "ゆうこ"), ("浩", "ひろし"), ("隆", "たかし"),
    ("明美", "あけみ"), ("和也", "かずや"), ("智子", "ともこ"), ("修", "おさむ"),
    ("千尋", "ちひろ"), ("彩", "あや"), ("亮", "りょう"), ("舞", "まい"),
    ("奈々", "なな"), ("悠真", "ゆうま"), ("美穂", "みほ"), ("聡", "さとし"),
    ("純一", "じゅんいち"), ("香織", "かおり"), ("正樹", "まさき"), ("麻衣", "まい"),
    ("達也", "たつや"), ("優子", "ゆうこ"), ("哲也", "てつや"), ("里美", "さとみ"),
    ("光", "ひかる"), ("茜", "あかね"), ("勇気", "ゆうき"), ("静香", "しずか"),
    ("陸", "りく"), ("紗希", "さき"), ("健太", "けんた"), ("瞳", "ひとみ"),
]

# (hanzi, katakana reading)
CHINESE_FAMILY = [
    ("王", "ワン"), ("李", "リー"), ("张", "チャン"), ("刘", "リウ"), ("陈", "チェン"),
    ("杨", "ヤン"), ("黄", "ホァン"), ("赵", "チャオ"), ("吴", "ウー"), ("周", "チョウ"),
    ("徐", "シュー"), ("孙", "スン"), ("马", "マー"), ("朱", "チュー"), ("胡", "フー"),
    ("林", "リン"), ("郭", "グオ"), ("何", "ホー"), ("高", "ガオ"), ("罗", "ルオ"),
    ("郑", "チョン"), ("梁", "リャン"), ("谢", "シエ"), ("宋", "ソン"), ("唐", "タン"),
    ("許", "シュー"), ("鄭", "チョン"), ("蔡", "ツァイ"), ("曾", "ツォン"), ("蕭", "シャオ"),
]

CHINESE_GIVEN = [
    ("伟", "ウェイ"), ("芳", "ファン"), ("娜", "ナー"), ("秀英", "シウイン"), ("敏", "ミン"),
    ("静", "ジン"), ("丽", "リー"), ("强", "チャン"), ("磊", "レイ"), ("军", "ジュン"),
    ("洋", "ヤン"), ("勇", "ヨン"), ("艳", "イェン"), ("杰", "ジエ"), ("娟", "ジュエン"),
    ("涛", "タオ"), ("明", "ミン"), ("超", "チャオ"), ("秀兰", "シウラン"), ("霞", "シア"),
    ("平", "ピン"), ("刚", "ガン"), ("桂英", "グイイン"), ("雅婷", "ヤーティン"),
    ("怡君", "イージュン"), ("志明", "ジーミン"), ("家豪", "ジアハオ"), ("淑芬", "シューフェン"),
    ("建宏", "ジェンホン"), ("美玲", "メイリン"), ("俊傑", "ジュンジエ"), ("佳穎", "ジアイン"),
    ("子涵", "ズーハン"), ("浩然", "ハオラン"), ("欣怡", "シンイー"), ("宇轩", "ユーシュエン"),
    ("思远", "スーユエン"), ("晓雯", "シャオウェン"), ("嘉欣", "ジアシン"), ("文博", "ウェンボー"),
]

# (hangul, katakana reading)
KOREAN_FAMILY = [
    ("김", "キム"), ("이", "イ"), ("박", "パク"), ("최", "チェ"), ("정", "チョン"),
    ("강", "カン"), ("조", "チョ"), ("윤", "ユン"), ("장", "チャン"), ("임", "イム"),
    ("한", "ハン"), ("오", "オ"), ("서", "ソ"), ("신", "シン"), ("권", "クォン"),
    ("황", "ファン"), ("안", "アン"), ("송", "ソン"), ("류", "リュ"), ("홍", "ホン"),
]

KOREAN_GIVEN = [
    ("민준", "ミンジュン"), ("서연", "ソヨン"), ("지호", "ジホ"), ("서윤", "ソユン"),
    ("도윤", "ドユン"), ("지우", "ジウ"), ("하준", "ハジュン"), ("하은", "ハウン"),
    ("예준", "イェジュン"), ("민서", "ミンソ"), ("시우", "シウ"), ("지민", "ジミン"),
    ("주원", "ジュウォン"), ("수아", "スア"), ("현우", "ヒョヌ"), ("지유", "ジユ"),
    ("준서", "ジュンソ"), ("채원", "チェウォン"), ("건우", "ゴヌ"), ("다은", "ダウン"),
    ("우진", "ウジン"), ("은서", "ウンソ"), ("선우", "ソヌ"), ("예은", "イェウン"),
    ("연우", "ヨヌ"), ("수빈", "スビン"), ("유준", "ユジュン"), ("지아", "ジア"),
    ("정우", "ジョンウ"), ("소율", "ソユル"), ("승현", "スンヒョン"), ("혜진", "ヘジン"),
    ("영호", "ヨンホ"), ("미경", "ミギョン"), ("성민", "ソンミン"), ("은지", "ウンジ"),
]

LATIN_GIVEN = [
    "Margaret", "Tom", "Priya", "Lukas", "Sophie", "José", "Anna", "Ngozi", "Mateus", "Emily",
    "Ben", "Ingrid", "Rafael", "Hannah", "Olivia", "Sam", "Fatima", "Grace", "Eleni", "Chloé",
    "Kwame", "Zoë", "Søren", "Ángela", "François", "Björn", "Łukasz", "Renée", "Chiara", "Matías",
    "Inês", "João", "Emre", "Ayşe", "Siobhán", "Niamh", "Aoife", "Věra", "Jiří", "Tomás",
    "Lucía", "Andrés", "Camille", "Théo", "Mathéo", "Élodie", "Noémie", "Jürgen", "Jörg",
    "Małgorzata", "Zsófia", "Ádám", "Bálint", "Oğuz", "Miguel", "Carmen", "Pilar", "Álvaro",
    "Raúl", "Sinéad", "Ciarán", "Amélie", "Maël", "Gaël", "Anaïs", "Leïla", "Nuño", "Ramón",
    "David", "Sarah", "James", "Laura", "Michael", "Julia", "Daniel", "Emma", "Peter", "Maria",
    "Oliver", "Charlotte", "Henrik", "Astrid", "Freya", "Linnea", "Mikael", "Kofi", "Amara",
    "Chidi", "Adaeze", "Tariq", "Yasmin", "Omar", "Leila", "Arjun", "Ananya", "Rohan", "Meera",
    "Diego", "Valentina", "Lorenzo", "Giulia", "Marco", "Francesca", "Nikolai", "Katya",
]

LATIN_FAMILY = [
    "O'Brien", "Fletcher", "Raman", "Schneider", "Martin", "Álvarez", "Kowalska", "Okafor",
    "Oliveira", "Carter", "Whitaker", "Johansson", "Costa", "Weber", "Bennett", "Patel",
    "Benali", "Kim", "Papadopoulou", "Dubois", "Mensah", "Müller", "Schäfer", "Größer",
    "Hernández", "González", "Pérez", "Sánchez", "Núñez", "Peña", "Fernández", "Muñoz",
    "Lefèvre", "Gauthier", "Bélanger", "Côté", "Lévesque", "Brontë", "Nørgaard", "Ødegaard",
    "Åkesson", "Lindqvist", "Håkansson", "Wiśniewski", "Wójcik", "Dąbrowski", "Nowak",
    "Dvořáková", "Novák", "Horváth", "Kovács", "Szabó", "Tóth", "Yılmaz", "Öztürk", "Çelik",
    "Şahin", "Doğan", "Gonçalves", "Simões", "Magalhães", "Conceição", "Sørensen", "Jæger",
    "Ó Súilleabháin", "Mac Giolla", "Ní Bhriain", "Rossi", "Bianchi", "Ferrari", "Esposito",
    "Romano", "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas",
    "Roberts", "Walker", "Wright", "Thompson", "Anderson", "Nguyen", "Singh", "Sharma",
    "Iyer", "Khan", "Haddad", "Nasser", "Adeyemi", "Boateng", "Owusu", "Eze", "Murphy",
    "Kelly", "Walsh", "Byrne", "Ryan", "Lambert", "Moreau", "Fontaine", "Rousseau",
]

# Given names by gender, and family names as (masculine, feminine) forms.
CYRILLIC_GIVEN = {
    "m": ["Александр", "Дмитрий", "Сергей", "Иван", "Павел", "Андрій", "Михаил", "Алексей"],
    "f": ["Ольга", "Наталья", "Екатерина", "Оксана", "Мария", "Анна", "Татьяна", "Ирина"],
}
CYRILLIC_FAMILY = [
    ("Петров", "Петрова"), ("Иванов", "Иванова"), ("Смирнов", "Смирнова"),
    ("Кузнецов", "Кузнецова"), ("Попов", "Попова"), ("Соколов", "Соколова"),
    ("Волков", "Волкова"), ("Морозов", "Морозова"), ("Лебедев", "Лебедева"),
    ("Шевченко", "Шевченко"), ("Коваленко", "Коваленко"), ("Новиков", "Новикова"),
]

GREEK_GIVEN = {
    "m": ["Γιώργος", "Νίκος", "Κώστας", "Δημήτρης", "Γιάννης", "Παναγιώτης"],
    "f": ["Ελένη", "Μαρία", "Σοφία", "Κατερίνα", "Δέσποινα", "Αγγελική"],
}
GREEK_FAMILY = [
    ("Παπαδόπουλος", "Παπαδοπούλου"), ("Παπαδάκης", "Παπαδάκη"), ("Οικονόμου", "Οικονόμου"),
    ("Γεωργίου", "Γεωργίου"), ("Δημητρίου", "Δημητρίου"), ("Νικολάου", "Νικολάου"),
    ("Ιωάννου", "Ιωάννου"), ("Αντωνίου", "Αντωνίου"), ("Βασιλείου", "Βασιλείου"),
]


# Weights of the scripts in a generated journal (kept by a Japanese user with friends abroad).
SCRIPT_WEIGHTS = {
    "japanese": 40,
    "latin": 35,
    "chinese": 10,
    "korean": 8,
    "cyrillic": 4,
    "greek": 3,
}


def person_name(rng: random.Random, script: str | None = None) -> tuple[str, str, str]:
    """A random `(name, reading, script)`; the reading is "" when there is none."""
    if script is None:
        script = rng.choices(list(SCRIPT_WEIGHTS), weights=list(SCRIPT_WEIGHTS.values()))[0]
    if script == "japanese":
        (fk, fr), (gk, gr) = rng.choice(JAPANESE_FAMILY), rng.choice(JAPANESE_GIVEN)
        return f"{fk} {gk}", f"{fr} {gr}", script
    if script == "chinese":
        (fk, fr), (gk, gr) = rng.choice(CHINESE_FAMILY), rng.choice(CHINESE_GIVEN)
        # Written without a space, as in Chinese; the reading only sometimes filled in.
        return f"{fk}{gk}", (f"{fr} {gr}" if rng.random() < 0.5 else ""), script
    if script == "korean":
        (fk, fr), (gk, gr) = rng.choice(KOREAN_FAMILY), rng.choice(KOREAN_GIVEN)
        return f"{fk}{gk}", (f"{fr} {gr}" if rng.random() < 0.5 else ""), script
    if script in ("cyrillic", "greek"):
        given_names, families = CYRILLIC_GIVEN, CYRILLIC_FAMILY
        if script == "greek":
            given_names, families = GREEK_GIVEN, GREEK_FAMILY
        gender = rng.choice("mf")
        family = rng.choice(families)[0 if gender == "m" else 1]
        return f"{rng.choice(given_names[gender])} {family}", "", script
    return f"{rng.choice(LATIN_GIVEN)} {rng.choice(LATIN_FAMILY)}", "", "latin"


def unique_person_name(rng: random.Random, taken: set[str]) -> tuple[str, str, str]:
    """A name not in `taken` (which it updates): retries, then a middle initial, then a number."""
    for _ in range(8):
        name, reading, script = person_name(rng)
        if name not in taken:
            taken.add(name)
            return name, reading, script
    for _ in range(8):
        given, family = rng.choice(LATIN_GIVEN), rng.choice(LATIN_FAMILY)
        name = f"{given} {chr(rng.randrange(65, 91))}. {family}"
        if name not in taken:
            taken.add(name)
            return name, "", "latin"
    n = 2
    while f"{name} {n}" in taken:
        n += 1
    taken.add(f"{name} {n}")
    return f"{name} {n}", "", "latin"
