"""Synthesised items for the scale benchmarks: texts made from the public corpus's sentences,
and near-duplicates made by realistic rewording (synonyms, reordering, a dropped or added
sentence, a reworded title), with the pairs known."""

import csv
import random
import re
from pathlib import Path

SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
SYNONYMS = {
    "建议": ["提议", "希望"],
    "希望": ["恳请", "期望"],
    "尽快": ["尽早", "早日"],
    "解决": ["处理", "解决好"],
    "加强": ["强化", "加大"],
    "相关部门": ["有关部门", "主管部门"],
    "有关部门": ["相关部门", "职能部门"],
    "目前": ["当前", "现在"],
    "严重": ["十分", "非常"],
    "问题": ["情况", "难题"],
    "居民": ["群众", "老百姓"],
    "要求": ["请求", "恳请"],
    "反映": ["反应", "报告"],
    "领导": ["负责同志", "领导同志"],
    "影响": ["干扰", "妨碍"],
    "进行": ["开展", "实施"],
    "没有": ["未", "并未"],
    "已经": ["已", "早已"],
    "因为": ["由于", "因"],
    "但是": ["可是", "然而"],
}
OPENINGS = ["尊敬的领导：", "您好！", "各位领导好，", "我是本市居民，"]
CLOSINGS = ["恳请有关部门予以重视。", "谢谢！", "望早日答复。", "请领导关注此事。"]


def load_texts(data_dir: Path) -> tuple[list[str], list[str]]:
    """Titles and sentences from every CSV of the public data (bodies and replies)."""
    titles, sentences = [], []
    for name, fields in [
        ("train.csv", ["body"]),
        ("train-large.csv", ["body"]),
        ("hot-topics.csv", ["body"]),
        ("replies.csv", ["body", "reply"]),
    ]:
        with open(data_dir / name, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row.get("title"):
                    titles.append(row["title"].strip())
                for field in fields:
                    sentences.extend(s.strip() for s in SENTENCE.findall(row.get(field) or ""))
    sentences = list(dict.fromkeys(s for s in sentences if 8 <= len(s) <= 120))
    return list(dict.fromkeys(titles)), sentences


def make_items(data_dir: Path, n: int, pairs: int, seed: int = 4):
    """`n` items (title, body); the last `pairs` are rewordings of earlier items. Returns
    (items, known pairs as (i, j) index tuples)."""
    rng = random.Random(seed)
    titles, sentences = load_texts(data_dir)
    items = []
    for _ in range(n - pairs):
        body = "".join(rng.sample(sentences, rng.randint(3, 8)))
        items.append((rng.choice(titles), body))
    known = []
    for src in rng.sample(range(len(items)), pairs):
        items.append(reword(items[src], rng))
        known.append((src, len(items) - 1))
    return items, known


def reword(item: tuple[str, str], rng: random.Random) -> tuple[str, str]:
    title, body = item
    parts = SENTENCE.findall(body)
    if len(parts) > 3 and rng.random() < 0.5:
        parts.pop(rng.randrange(len(parts)))
    if rng.random() < 0.5:
        i = rng.randrange(len(parts))
        j = rng.randrange(len(parts))
        parts[i], parts[j] = parts[j], parts[i]
    if rng.random() < 0.5:
        parts.insert(0, rng.choice(OPENINGS))
    if rng.random() < 0.5:
        parts.append(rng.choice(CLOSINGS))
    return _swap(title, rng), _swap("".join(parts), rng)


def _swap(text: str, rng: random.Random) -> str:
    for word, alternatives in SYNONYMS.items():
        if word in text and rng.random() < 0.7:
            text = text.replace(word, rng.choice(alternatives))
    return text
