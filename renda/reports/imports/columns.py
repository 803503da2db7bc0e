"""The columns of the sheets renda imports and exports for import (the registers congresses
keep). Headers are the file format — fixed Chinese words, not translated — with the other
names congresses use for them accepted on import."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SheetColumn:
    key: str
    header: str
    required: bool = False
    width: int = 12
    kind: str = "text"  # text, wrap, int, date
    aliases: tuple[str, ...] = ()
    note: str | Promise = ""


SUGGESTION_COLUMNS = (
    SheetColumn(
        "number",
        "建议编号",
        width=11,
        aliases=("编号", "案号"),
        note=_("Optional: 12 or 第0012号; empty numbers follow the session's last one."),
    ),
    SheetColumn(
        "period",
        "期间",
        width=9,
        aliases=("提出时期",),
        note=_("Optional: 大会期间 or 闭会期间; by default from the submission date."),
    ),
    SheetColumn("title", "标题", True, 36, aliases=("案由", "建议标题"), note=_("Required.")),
    SheetColumn(
        "lead",
        "领衔代表",
        True,
        10,
        aliases=("提出人", "领衔人", "代表姓名"),
        note=_("Required: a serving deputy of the session's term."),
    ),
    SheetColumn(
        "delegation",
        "代表团",
        width=14,
        aliases=("所在代表团",),
        note=_("Needed when two deputies share the name."),
    ),
    SheetColumn(
        "cosigners",
        "附议代表",
        width=20,
        aliases=("联名代表", "附议人"),
        note=_("Optional: names separated by 、 or commas."),
    ),
    SheetColumn(
        "submitted_on",
        "提出日期",
        True,
        12,
        "date",
        aliases=("提交日期", "提出时间"),
        note=_("Required: on or after the session's opening day, not in the future."),
    ),
    SheetColumn(
        "category",
        "类别",
        width=12,
        aliases=("分类", "建议类别"),
        note=_("One of the categories set up in renda; required to assign."),
    ),
    SheetColumn(
        "body", "内容", True, 60, "wrap", aliases=("建议内容", "正文"), note=_("Required.")
    ),
    SheetColumn(
        "lead_unit",
        "主办单位",
        width=20,
        aliases=("承办单位",),
        note=_("Optional: an active handling unit (full or short name); the item is assigned."),
    ),
    SheetColumn(
        "co_units",
        "协办单位",
        width=20,
        aliases=("会办单位",),
        note=_("Optional: units separated by 、 or commas."),
    ),
    SheetColumn(
        "assigned_on",
        "交办日期",
        width=12,
        kind="date",
        note=_("Optional: the day of assignment (default: today)."),
    ),
    SheetColumn(
        "due_date",
        "答复期限",
        width=12,
        kind="date",
        aliases=("答复截止日期",),
        note=_("Optional: by default three months after assignment, at most six."),
    ),
)

DEPUTY_COLUMNS = (
    SheetColumn("name", "姓名", True, 10, aliases=("代表姓名",), note=_("Required.")),
    SheetColumn(
        "delegation",
        "代表团",
        True,
        14,
        note=_("Required; a delegation not yet in renda is created."),
    ),
    SheetColumn("gender", "性别", width=6, note=_("男 or 女.")),
    SheetColumn("ethnicity", "民族", width=8),
    SheetColumn("occupation", "工作单位及职务", width=36, aliases=("工作单位", "职务")),
    SheetColumn(
        "mobile",
        "手机",
        width=14,
        aliases=("手机号码", "联系电话"),
        note=_("11 digits starting with 1."),
    ),
    SheetColumn(
        "id_number",
        "身份证号",
        width=20,
        aliases=("身份证号码",),
        note=_("18 characters; the check digit is verified."),
    ),
    SheetColumn("email", "电子邮箱", width=22, aliases=("邮箱",)),
    SheetColumn("address", "通讯地址", width=30, aliases=("地址",)),
)

UNIT_COLUMNS = (
    SheetColumn("name", "单位名称", True, 28, aliases=("名称", "承办单位"), note=_("Required.")),
    SheetColumn("short_name", "简称", width=14),
    SheetColumn(
        "unit_type",
        "单位类型",
        True,
        16,
        note=_("政府部门, 县（市、区）政府, 法院, 检察院, 党群组织, 企事业单位 or 其他."),
    ),
    SheetColumn("region", "所属地区", width=12, note=_("Optional: a region set up in renda.")),
)

UNIT_TYPES = {
    "政府部门": "government_department",
    "县（市、区）政府": "county_government",
    "县(市、区)政府": "county_government",
    "县区政府": "county_government",
    "法院": "court",
    "检察院": "procuratorate",
    "党群组织": "party_body",
    "企事业单位": "enterprise",
    "其他": "other",
}
UNIT_TYPE_NAMES = {
    "government_department": "政府部门",
    "county_government": "县（市、区）政府",
    "court": "法院",
    "procuratorate": "检察院",
    "party_body": "党群组织",
    "enterprise": "企事业单位",
    "other": "其他",
}
PERIOD_NAMES = {"session": "大会期间", "interim": "闭会期间"}
GENDER_NAMES = {"male": "男", "female": "女"}
