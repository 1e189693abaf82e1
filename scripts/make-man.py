#!/usr/bin/env python3
"""Writes man pages (roff) for provenant from its ArgumentParser definitions.

Reads the tool-info JSON that `provenant --experimental-dump-help` prints (the same data swift-argument-parser's
generate-manual plugin renders) and writes provenant.1 plus one provenant-COMMAND.1 per subcommand.
Usage: scripts/make-man.py PROVENANT_BINARY OUTPUT_DIR
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path


def roff(text: str) -> str:
    """Escapes text for roff: backslashes, and leading dots or quotes on a line."""
    lines = []
    for line in (text or "").replace("\\", "\\e").split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def flag_names(argument):
    names = []
    for name in argument.get("names", []):
        prefix = "-" if name["kind"] in ("short", "longWithSingleDash") else "--"
        names.append(prefix + name["name"])
    return names


def argument_synopsis(argument):
    kind = argument["kind"]
    value = argument.get("valueName", "value")
    if kind == "positional":
        text = f"<{value}>"
        if argument.get("isRepeating"):
            text += " ..."
        return f"[{text}]" if argument.get("isOptional") else text
    name = (flag_names(argument) or ["--" + value])[-1]
    text = name if kind == "flag" else f"{name} <{value}>"
    return f"[{text}]" if argument.get("isOptional", True) else text


def page(command, path, version, date):
    name = " ".join(path)
    title = "-".join(path).upper()
    out = [f'.TH {title} 1 "{date}" "provenant {version}" "Provenant Manual"', ".SH NAME",
           f"{roff(name)} \\- {roff(command.get('abstract', ''))}", ".SH SYNOPSIS", ".B " + roff(name)]
    arguments = [a for a in command.get("arguments", []) if a.get("shouldDisplay", True)]
    if arguments:
        out.append(roff(" ".join(argument_synopsis(a) for a in arguments)))
    if command.get("subcommands"):
        out.append("<subcommand>")
    if command.get("discussion"):
        out += [".SH DESCRIPTION", roff(command["discussion"])]
    if arguments:
        out.append(".SH OPTIONS")
        for argument in arguments:
            label = ", ".join(flag_names(argument)) if argument["kind"] != "positional" else f"<{argument.get('valueName')}>"
            if argument["kind"] == "option":
                label += f" <{argument.get('valueName', 'value')}>"
            out += [".TP", ".B " + roff(label), roff(argument.get("abstract", ""))]
            if argument.get("allValues"):
                out.append("Values: " + roff(", ".join(argument["allValues"])) + ".")
            if argument.get("defaultValue") not in (None, ""):
                out.append("Default: " + roff(str(argument["defaultValue"])) + ".")
    if command.get("subcommands"):
        out.append(".SH SUBCOMMANDS")
        for sub in command["subcommands"]:
            out += [".TP", ".B " + roff(sub["commandName"]), roff(sub.get("abstract", "")),
                    f"See \\fB{'-'.join(path + [sub['commandName']])}\\fR(1)."]
        out += [".SH SEE ALSO", ", ".join(f"\\fB{'-'.join(path + [s['commandName']])}\\fR(1)" for s in command["subcommands"])]
    return "\n".join(out) + "\n"


def main():
    binary, output = sys.argv[1], Path(sys.argv[2])
    info = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True, text=True).stdout)
    version = subprocess.run([binary, "--version"], check=True, capture_output=True, text=True).stdout.split()[1]
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    date = time.strftime("%Y-%m-%d", time.gmtime(epoch))
    output.mkdir(parents=True, exist_ok=True)
    root = info["command"]

    def walk(command, path):
        (output / ("-".join(path) + ".1")).write_text(page(command, path, version, date))
        for sub in command.get("subcommands", []):
            if sub["commandName"] != "help":
                walk(sub, path + [sub["commandName"]])

    walk(root, [root["commandName"]])


if __name__ == "__main__":
    main()
