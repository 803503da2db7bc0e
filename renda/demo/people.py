"""Synthetic people: plausible Chinese names and occupations, no real person meant."""

import random

SURNAMES = (
    "王王王李李李张张张刘刘陈陈杨杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁"
    "邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛"
    "邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文樊牛"
)
MALE_GIVEN = (
    "建国 建军 志强 志刚 国强 国庆 海涛 海峰 红军 卫东 永刚 永强 振华 振宇 德胜 德明 宏伟 "
    "文斌 文涛 学军 新民 俊杰 明辉 明亮 晓东 晓峰 立新 立军 春雷 长青 长林 庆丰 金山 玉林 "
    "保国 胜利 光明 东升 家豪 浩然 子轩 宇航 鹏飞 云龙 少华 铁军 利民 兴华 广平 书林 "
    "伟 勇 军 杰 涛 斌 强 磊 刚 鹏 超 辉 亮 峰 波 锋"
).split()
FEMALE_GIVEN = (
    "秀英 桂英 秀兰 玉兰 桂芳 淑珍 丽娟 丽华 海燕 春梅 红梅 雪梅 晓燕 晓红 静怡 雅琴 "
    "美玲 慧敏 丽萍 素芳 凤霞 彩霞 翠萍 玉珍 建华 新华 艳红 艳玲 婷婷 文静 思雨 佳琪 "
    "梦瑶 欣怡 晓丽 春燕 秋菊 冬梅 爱华 丽君 "
    "芳 娟 敏 静 丽 艳 燕 霞 玲 萍 红 琳 洁 颖"
).split()

OCCUPATIONS = [
    "{place}党委书记",
    "{place}镇长",
    "{place}村党支部书记、村委会主任",
    "{place}社区党委书记",
    "颍川市第一人民医院副院长",
    "颍川市中心医院主任医师",
    "颍川市第一高级中学教师",
    "颍川市实验小学校长",
    "颍川学院教授",
    "颍川职业技术学院副院长",
    "颍川市中医院院长",
    "颍川发制品集团有限公司董事长",
    "颍川电气股份有限公司总经理",
    "颍川瑞祥食品有限公司董事长",
    "颍川市农业科学研究所研究员",
    "颍川远东传动轴股份有限公司技术总监",
    "颍川恒达建设集团总经理",
    "颍川市律师协会副会长、颍川正言律师事务所主任",
    "颍川市农村信用合作联社理事长",
    "颍川金源农业专业合作社理事长",
    "颍川市妇幼保健院护士长",
    "颍川市个体劳动者协会副会长",
    "颍川禹瓷文化产业园有限公司总经理",
    "颍川鸿运物流有限公司董事长",
    "颍川花木种植专业合作社社长",
    "颍川市残疾人联合会副理事长",
    "颍川市总工会副主席",
    "国网颍川供电公司一线班组长",
    "颍川新能源科技有限公司工程师",
    "颍川市公交集团驾驶员",
    "颍川市人民检察院检察官",
]


def make_names(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """`count` distinct (name, gender) pairs, about 30% women."""
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    while len(out) < count:
        female = rng.random() < 0.3
        given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
        name = rng.choice(SURNAMES) + given
        if name in seen:
            continue
        seen.add(name)
        out.append((name, "female" if female else "male"))
    return out
