"""`--help` as users read it: in the run's language, examples as written, Chinese wrapped by
Chinese rules.

The language must be known before the options are parsed (a group's `--help` runs before its
callback): `peek_lang` reads `--lang`, then KADEV_LANG, then — only when help may be shown —
the data root's kadev.yaml. `prepare` then gives every command kadev's help formatter and,
in Chinese, the help texts of `kadev.cli.help_zh` (keyed by the English text, the gettext
way).
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Iterator, Sequence
from typing import Any

import typer

_Formatter: Any = typer.Context.formatter_class  # click's HelpFormatter, as typer ships it

HEADINGS_ZH = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
METAVARS = {"str": ("TEXT", "文本"), "text": ("TEXT", "文本"), "int": ("N", "数字"),
            "int range": ("N", "数字"), "integer": ("N", "数字"), "float": ("NUMBER", "数值"),
            "path": ("PATH", "路径"), "file": ("FILE", "文件")}
METAVARS_ZH = {"NAME": "姓名", "DATE": "日期", "PATH": "路径", "FILE": "文件", "TEXT": "文本",
               "ID": "编号", "FIELD": "字段", "N": "数字", "TIME": "时间", "MONTH": "月份"}
ARGUMENTS_ZH = {"ACCOUNT": "客户", "NAME": "名称", "FILE": "文件", "FOLDER": "目录",
                "CONTACT": "联系人", "DEAL": "项目", "COMPLAINT": "抱怨", "PLAN": "计划",
                "WHAT": "内容", "REASON": "原因", "OLD": "原名", "NEW": "新名"}
# lines of a help text kept as written: examples and commands
_KEPT = re.compile(r"^(Examples?:|示例：|kadev --|EDITOR=)")
_EXTRA = re.compile(r"^(.*?)((?:\s\s\[[^\]]*\])?)$", re.S)
_MARKS = "。，、；：？！（）「」『』【】《》“”"


def _cjk(char: str) -> bool:
    """A Chinese character or full-width mark (a regular expression of these ranges takes
    2 ms to compile, on every `--help`)."""
    return bool(char) and ("\u2e80" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"
                           or "\u3000" <= char <= "\u303f")


def _zh() -> bool:
    from kadev.i18n import lang

    return lang() == "zh"


class KadevFormatter(_Formatter):  # type: ignore[misc]
    """Click's help formatter, with headings in the language, paragraphs wrapped by cell
    width (a Chinese character is two) without a line starting with 。，, and example lines
    never rewrapped."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if _zh():
            args = (args.replace("[OPTIONS]", "[选项]").replace("COMMAND", "命令")
                    .replace("[ARGS]", "[参数]"))
            prefix = "用法："
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        if _zh():
            self.write(f"{'':>{self.current_indent}}{HEADINGS_ZH.get(heading, heading)}：\n")
        else:
            super().write_heading(heading)

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        lines = [indent + line if line else "" for line in
                 paragraphs(text, max(self.width - self.current_indent, 20))]
        self.write("\n".join(lines) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        from kadev.render.wrapping import cells as cell_len
        from kadev.render.wrapping import wrap

        rows = list(rows)
        first_col = min(max((cell_len(a) for a, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cell_len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_len(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            text = wrap(_definition(second), max(self.width - first_col - self.current_indent,
                                                 10))
            pad = " " * (first_col + self.current_indent)
            self.write(("\n" + pad).join(text.splitlines() or [""]) + "\n")


def _short(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells, with … when cut."""
    from kadev.render.wrapping import cells as cell_len

    if cell_len(text) <= width:
        return text
    while cell_len(text) > width - 1:
        text = text[:-1]
    return text + "…"


def _definition(text: str) -> str:
    """An option's help and its bracketed extras ([default: 7]), in the language."""
    if not _zh():
        return text
    from kadev.cli.help_zh import HELP_ZH

    found = _EXTRA.match(text)
    assert found is not None  # the pattern matches any text
    body, extra = found.groups()
    extra = (extra.replace("default: ", "默认：").replace("env var: ", "环境变量：")
             .replace("required", "必填").replace("; ", "；"))
    return HELP_ZH.get(body, body) + extra


def paragraphs(text: str, width: int) -> Iterator[str]:
    """The lines of a help text: each paragraph's prose joined and wrapped to `width`, lines
    from the first example on as written."""
    from kadev.render.wrapping import wrap

    for number, para in enumerate(text.split("\n\n")):
        if number:
            yield ""
        prose: list[str] = []
        lines = para.replace("\b\n", "").split("\n")
        for index, line in enumerate(lines):
            if _KEPT.match(line):
                if prose:
                    yield from wrap(_join(prose), width).splitlines()
                yield from lines[index:]
                break
            prose.append(line.strip())
        else:
            yield from wrap(_join(prose), width).splitlines()


def _join(lines: list[str]) -> str:
    """Lines of a paragraph as one: a space between words, none between Chinese characters."""
    out = ""
    for line in lines:
        if out and not (_cjk(out[-1]) and _cjk(line[:1])) \
                and out[-1] not in _MARKS and line[:1] not in _MARKS:
            out += " "
        out += line
    return out


class KadevContext(typer.Context):
    formatter_class = KadevFormatter


def _help_zh() -> dict[str, str]:
    from kadev.cli.help_zh import HELP_ZH

    return HELP_ZH


def prepare(command: Any, zh: bool) -> None:
    """Give `command` and every sub-command kadev's help formatter and plain metavars; with
    `zh`, the Chinese help texts."""
    command.context_class = KadevContext
    help_zh = _help_zh() if zh else {}
    if command.help:
        english = inspect.cleandoc(command.help)
        text = help_zh.get(english, english) if zh else english
        command.help = text
        if zh:  # click cuts the English first sentence at ". "; the Chinese one ends at 。
            command.short_help = _short(re.split(r"。|\n", text, maxsplit=1)[0], 44)
    for param in command.params:
        english = getattr(param, "help", None) or ""
        if param.metavar is None and ("YYYY-MM-DD" in english or "today" in english.lower()
                                      or " date" in english.lower()
                                      or (param.name or "").endswith("date")):
            param.metavar = "DATE"  # what a date option takes (明天 and 12-2 are fine too)
        if zh and english:
            param.help = help_zh.get(english, english)
        if param.param_type_name == "argument":
            name = (param.name or "").upper()
            param.metavar = ARGUMENTS_ZH.get(name, name) if zh else name
        elif param.metavar is None and getattr(param, "is_flag", False) is False:
            names = METAVARS.get(getattr(param.type, "name", ""))
            if names:
                param.metavar = names[1] if zh else names[0]
        elif zh and param.metavar in METAVARS_ZH:
            param.metavar = METAVARS_ZH[param.metavar]
    for sub in getattr(command, "commands", {}).values():
        prepare(sub, zh)


def peek_lang(argv: Sequence[str], command: Any) -> str | None:
    """The run's language before its options are parsed: --lang, KADEV_LANG, else (when help
    may be shown: -h, --help, no command, or a group without its sub-command) kadev.yaml's;
    None when none says."""
    given = _value(argv, "--lang") or os.environ.get("KADEV_LANG")
    if given:
        return given.strip().lower()
    valued = {"--data", "--today", "--lang", "--units"}  # the root options taking a value
    words = [a for i, a in enumerate(argv) if not a.startswith("-")
             and (i == 0 or argv[i - 1] not in valued)]
    groups = {name for name, sub in getattr(command, "commands", {}).items()
              if hasattr(sub, "commands")}
    helpish = (not words or "-h" in argv or "--help" in argv
               or (len(words) == 1 and words[0] in groups))
    if not helpish:
        return None
    from kadev.cli import state

    return state.settings_lang(_value(argv, "--data"))


def _value(argv: Sequence[str], option: str) -> str | None:
    for index, arg in enumerate(argv):
        if arg == option and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(option + "="):
            return arg.split("=", 1)[1]
    return None


_NOT_VALID = re.compile(r"^(?P<value>.*?) is not a valid (?P<kind>[\w ]+)\.?$", re.S)
_RANGE = re.compile(r"^(?P<value>.*?) is not in the range (?P<range>.+?)\.?$", re.S)
_KINDS_ZH = {"integer": "整数", "int": "整数", "int range": "整数", "integer range": "整数",
             "float": "数字", "float range": "数字", "boolean": "是/否值", "path": "路径"}


def usage_message(err: Any) -> str:
    """Click's usage error as kadev words it: the option, then what is wrong with it, in the
    run's language (click's own words are English)."""
    param = getattr(err, "param", None)
    option = max(param.opts, key=len) if param is not None and getattr(param, "opts", None) \
        else ""
    message = str(getattr(err, "message", "") or "")
    if _zh():
        message = _message_zh(err, message, param)
    elif type(err).__name__ == "NoSuchOption" and getattr(err, "possibilities", None):
        message = err.format_message()
    if option and message and param is not None and param.param_type_name == "option":
        return f"{option} {message}"
    return message or str(err.format_message())


def _message_zh(err: Any, message: str, param: Any) -> str:
    from kadev.i18n import t

    kind = type(err).__name__
    if kind == "NoSuchOption":
        possible = ", ".join(sorted(getattr(err, "possibilities", None) or []))
        return t("usage.no_such_option", option=err.option_name) + (
            t("usage.did_you_mean", options=possible) if possible else "")
    if kind == "MissingParameter":
        name = (param.metavar or param.name or "") if param is not None else ""
        return t("usage.missing", name=(max(param.opts, key=len)
                                        if param is not None and param.param_type_name ==
                                        "option" else name))
    found = _NOT_VALID.match(message)
    if found:
        kind_name = _KINDS_ZH.get(found["kind"].strip(), found["kind"])
        return t("usage.not_valid", value=found["value"], kind=kind_name)
    found = _RANGE.match(message)
    if found:
        return t("usage.range", value=found["value"], range=found["range"])
    found = re.match(r"^Option '(.+)' requires (an argument|\d+ arguments)\.$", message)
    if found:
        return t("usage.needs_value", option=found[1])
    found = re.match(r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$", message)
    if found:
        return t("usage.extra", args=found[1])
    found = re.match(r"^No such command '(.*)'\.(?: Did you mean (.*)\?)?$", message)
    if found:
        return t("usage.no_command", name=found[1]) + (
            t("usage.did_you_mean", options=found[2]) if found[2] else "")
    if message == "Missing command.":
        return t("usage.missing_command")
    return message
