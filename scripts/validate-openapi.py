#!/usr/bin/env python3
"""Validates the committed OpenAPI 3.1 document with openapi-spec-validator (pip install openapi-spec-validator).

Exit 0 valid, 1 invalid, 77 validator not installed (reported as a skip).
"""
import json
import pathlib
import sys

path = pathlib.Path(__file__).resolve().parent.parent / "Sources/ProvenantService/Resources/openapi.json"
try:
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
except ImportError:
    print("SKIP: openapi-spec-validator is not installed (pip install openapi-spec-validator)")
    sys.exit(77)
document = json.loads(path.read_text())
if document.get("openapi", "").split(".")[:2] != ["3", "1"]:
    print(f"{path}: not an OpenAPI 3.1 document")
    sys.exit(1)
try:
    validate(document)
except OpenAPIValidationError as error:
    print(f"{path}: invalid: {error}")
    sys.exit(1)
print(f"{path.name}: valid OpenAPI {document['openapi']} ({len(document['paths'])} paths)")
