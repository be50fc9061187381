"""Months as 'YYYY-MM' text: parsing options, ranges, and the period before a period."""

from __future__ import annotations

import datetime as dt
import re

from kadev.errors import UsageError

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month_option(text: str, option: str) -> str:
    from kadev.limits import month_ok

    if not _MONTH.match(text) or not month_ok(text):
        raise UsageError(code="err.month", option=option, value=text)
    return text


def shift(month: str, by: int) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + mon - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_range(first: str, last: str) -> list[str]:
    """Every month from `first` to `last`, both included (none when `first` is later)."""
    def index(month: str) -> int:
        return int(month[:4]) * 12 + int(month[5:7]) - 1

    return [shift(first, by) for by in range(index(last) - index(first) + 1)]



def previous_period(first: str, last: str) -> tuple[str, str]:
    length = len(month_range(first, last))
    return shift(first, -length), shift(first, -1)


_OFFSETS = {"今天": 0, "今日": 0, "today": 0, "明天": 1, "明日": 1, "tomorrow": 1, "后天": 2,
            "昨天": -1, "昨日": -1, "yesterday": -1, "前天": -2}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
             "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_WEEKDAY = re.compile(r"^(下下|下|本|这|上)?(?:周|星期|礼拜)([一二三四五六日天])$")
_WEEKDAY_EN = re.compile(r"^(next |this |last )?(mon|tue|wed|thu|fri|sat|sun)[a-z]*$")
_DAYS = re.compile(r"^([+-]\d{1,4})$|^(\d{1,4})\s*天(后|前|以后|之后|以前|之前)$")
_MONTH_DAY = re.compile(r"^(\d{1,2})(?:-|/|月)(\d{1,2})(?:日|号)?$")


def relative_day(text: str, today: dt.date) -> dt.date | None:
    """The day a rep means by a short form, or None: 今天/明天/后天/昨天/前天 (today,
    tomorrow, yesterday), +7 and -3 (days), 3天后 / 2天前, 周三 (the next Wednesday, today
    included), 下周三 / 本周三 / 上周三 (that week's, weeks from Monday), next wed, 12-2 /
    12月2日 (this year)."""
    import unicodedata

    word = unicodedata.normalize("NFKC", text).strip().lower()
    if word in _OFFSETS:
        return today + dt.timedelta(days=_OFFSETS[word])
    days = _DAYS.match(word)
    if days:
        if days.group(1):
            return today + dt.timedelta(days=int(days.group(1)))
        sign = -1 if days.group(3).endswith(("前",)) else 1
        return today + dt.timedelta(days=sign * int(days.group(2)))
    weekday = _WEEKDAY.match(word) or _WEEKDAY_EN.match(word)
    if weekday:
        which = (weekday.group(1) or "").strip()
        target = _WEEKDAYS[weekday.group(2)]
        monday = today - dt.timedelta(days=today.weekday())
        weeks = {"下下": 2, "下": 1, "next": 1, "本": 0, "这": 0, "this": 0, "上": -1,
                 "last": -1}.get(which)
        if weeks is None:  # the next such day, today included
            return today + dt.timedelta(days=(target - today.weekday()) % 7)
        return monday + dt.timedelta(weeks=weeks, days=target)
    month_day = _MONTH_DAY.match(word)
    if month_day:
        try:
            return dt.date(today.year, int(month_day.group(1)), int(month_day.group(2)))
        except ValueError:
            return None
    return None


_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_PART = r"(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|晚)?"
_NUM = r"(\d{1,2}|[零一二两三四五六七八九十]{1,3})"
_SPOKEN = re.compile(rf"^{_PART}{_NUM}(?:[:：.]|点|时)(半|一刻|三刻|{_NUM}分?|整)?$")
_ENGLISH = re.compile(r"^(\d{1,2})(?::(\d{2}))?(am|pm)$")


def _cn_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if "十" in text:  # 十, 十二, 二十, 二十三
        tens, _, ones = text.partition("十")
        value = (_CN_DIGITS.get(tens, -99) if tens else 1) * 10 + (
            _CN_DIGITS.get(ones, -99) if ones else 0)
        return value if value >= 0 else None
    if len(text) == 1:
        return _CN_DIGITS.get(text)
    return None


def spoken_time(text: str) -> str | None:
    """A time of day as HH:MM from what a rep types: 14:30, 9.15, 下午2点半, 上午十点, 晚上7点一刻,
    2:30pm (2点 without 上午/下午 is 14:00: business hours); None when it is not one."""
    import unicodedata

    word = unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "")
    hour: int | None
    minute: int | None
    english = _ENGLISH.match(word)
    if english:
        hour, minute = int(english[1]) % 12, int(english[2] or 0)
        hour += 12 if english[3] == "pm" else 0
    else:
        found = _SPOKEN.match(word)
        if found is None:
            return None
        part, hour = found[1], _cn_number(found[2])
        rest = found[3] or ""
        minute = {"": 0, "整": 0, "半": 30, "一刻": 15, "三刻": 45}.get(rest)
        if minute is None:
            minute = _cn_number(rest.rstrip("分"))
        if hour is None or minute is None:
            return None
        if part in ("下午", "傍晚", "晚上", "晚") and hour < 12:
            hour += 12
        elif part == "中午" and hour < 11:
            hour += 12
        elif not part and 1 <= hour <= 6 and ("点" in word or "时" in word):
            hour += 12  # 两点 between meetings is 14:00 (say 凌晨两点 for the night)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return f"{hour:02d}:{minute:02d}"
