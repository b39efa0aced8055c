"""Text rules shared by the forms and the spreadsheet import. Pure Python, no Django."""

import re

# Every control character but tab, line feed and carriage return: all of C0, DEL and all of C1.
# PostgreSQL refuses a NUL in text, and the rest cannot be seen, typed or put in a PDF or XLSX.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None
