"""Parses FHIR JSON files (one resource each, or NDJSON with one a line) with the
fhir.resources R4B models: an element the model does not have, a wrong type or a missing
required element fails. Prints one line per resource; exits 1 at the first failure."""

import json
import sys

from fhir.resources.R4B import get_fhir_model_class


def check(resource, where):
    cls = get_fhir_model_class(resource["resourceType"])
    parse = getattr(cls, "model_validate", None) or cls.parse_obj
    try:
        parse(resource)
    except Exception as error:  # the model's own message names the element
        print(f"INVALID {where} ({resource['resourceType']}): {error}")
        sys.exit(1)
    print(f"ok {where} {resource['resourceType']}")


def main():
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            if path.endswith(".ndjson"):
                for n, line in enumerate(f, 1):
                    if line.strip():
                        check(json.loads(line), f"{path}:{n}")
            else:
                check(json.load(f), path)


main()
