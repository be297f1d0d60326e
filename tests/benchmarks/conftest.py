"""Benchmarks print the machine they ran on and, at the end, every figure again."""

import os

from tests.benchmarks.report import figures


def pytest_report_header(config):
    return f"machine: {os.cpu_count()} cores"


def pytest_terminal_summary(terminalreporter):
    if not figures:
        return
    terminalreporter.section("benchmark figures")
    terminalreporter.write_line(f"machine: {os.cpu_count()} cores")
    for _name, line, met in figures:
        terminalreporter.write_line(line + ("" if met else "  MISSED"))
