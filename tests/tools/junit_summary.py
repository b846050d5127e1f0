"""Reads a JUnit XML report the way CI systems do and prints what they would see, as JSON.

The file is first parsed by expat (xml.etree), which rejects anything that is not well-formed
XML 1.0, then by junitparser, a JUnit/xUnit reader.
"""

import json
import sys
import xml.etree.ElementTree as ET

from junitparser import Failure, JUnitXml

path = sys.argv[1]
ET.parse(path)
report = JUnitXml.fromfile(path)
out = {
    "name": report.name,
    "tests": report.tests,
    "failures": report.failures,
    "errors": report.errors,
    "suites": [],
}
for suite in report:
    cases = []
    for case in suite:
        failures = [r for r in case.result if isinstance(r, Failure)]
        cases.append(
            {
                "name": case.name,
                "classname": case.classname,
                "file": case._elem.get("file"),
                "passed": case.is_passed,
                "failures": [
                    {"message": f.message, "type": f.type, "text": f.text}
                    for f in failures
                ],
                "system_out": case.system_out,
            }
        )
    out["suites"].append(
        {
            "name": suite.name,
            "tests": suite.tests,
            "failures": suite.failures,
            "properties": {p.name: p.value for p in suite.properties()},
            "cases": cases,
        }
    )
json.dump(out, sys.stdout, ensure_ascii=False)
