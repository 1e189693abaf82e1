#!/usr/bin/env python3
"""Writes Sources/ProvenantService/Resources/openapi.json, the service's OpenAPI 3.1 document.

The document is written by hand here (no generator in the build) and committed; run this script after
changing it, then scripts/validate-openapi.py checks it.
"""
import json
import pathlib

ERROR = {"$ref": "#/components/responses/Error"}

def error_response(description):
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}

def upload_body(description):
    return {
        "required": True,
        "description": description,
        "content": {
            "image/*": {"schema": {"type": "string", "contentMediaType": "application/octet-stream"}},
            "video/*": {"schema": {"type": "string", "contentMediaType": "application/octet-stream"}},
            "application/octet-stream": {"schema": {"type": "string", "contentMediaType": "application/octet-stream"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "array", "items": {"type": "string", "contentMediaType": "application/octet-stream"}}},
                },
                "encoding": {"file": {"contentType": "image/*, video/*, application/octet-stream"}},
            },
        },
    }

def errors(*codes):
    names = {
        "400": "Malformed request (bad parameter, empty body, broken multipart).",
        "401": "An API key is required (`--api-key-file`) and was missing or wrong.",
        "413": "The upload is over `--max-upload-mb` (checked while the body streams in; the connection is closed).",
        "415": "Neither a supported image nor an MP4, QuickTime or WebM video, judged from the bytes (`format.unknown`, `format.unsupported`).",
        "422": "The file is a supported format but cannot be decoded; `error.code` is the analyzer's typed code.",
        "429": "Every worker is busy and the queue is full; see `Retry-After`.",
        "503": "Not ready: the model and trust anchors are loading or failed to load, or the service is draining.",
        "504": "The analysis took longer than `--timeout-s`.",
    }
    out = {}
    for code in codes:
        if code in ("429", "503"):
            out[code] = {"$ref": f"#/components/responses/Retry{code}"}
        else:
            out[code] = error_response(names[code])
    return out

upload_errors = ("400", "401", "413", "415", "422", "429", "503", "504")

added = {
    "request_id": {"type": "string", "description": "The request's id (also the `X-Request-Id` header)."},
    "model_version": {"type": ["string", "null"], "description": "The detector model in use, or null when the detector is off."},
    "timings": {"$ref": "#/components/schemas/Timings"},
}

def with_added(ref):
    return {"allOf": [{"$ref": ref}, {"type": "object", "required": ["request_id", "model_version", "timings"], "properties": added}]}

doc = {
    "openapi": "3.1.0",
    "info": {
        "title": "Provenant service",
        "version": "1.1.0",
        "summary": "How likely an image is AI-generated, with the evidence.",
        "description": "Started by `provenant serve`. The `/v1` answers are the JSON contracts of `provenant check`, `verify` and `inspect` (`--format json`) for the uploaded file, plus `request_id`, `model_version` and `timings`. The report's `path` is the uploaded file name (multipart) or the `filename` query parameter (raw body), else `upload`. Nothing uploaded is stored. See docs/service.md.",
        "license": {"name": "See the repository's LICENSE", "identifier": "Apache-2.0"},
    },
    "servers": [{"url": "http://127.0.0.1:8080"}],
    "security": [{}, {"bearer": []}],
    "paths": {
        "/v1/check": {
            "post": {
                "operationId": "check",
                "summary": "Estimate how likely the image is AI-generated, with the evidence.",
                "parameters": [
                    {"name": "deep", "in": "query", "schema": {"type": "string", "enum": ["auto", "always", "never"]}, "description": "Use of the learned deep detector stage: auto (only where it can change the verdict), always, never. Without it the mode the service was started with applies (serve --deep, default always)."},
                    {"name": "detailed", "in": "query", "schema": {"type": "boolean", "default": False}, "description": "Add `detailed`: the C2PA manifest store as JSON."},
                    {"$ref": "#/components/parameters/filename"},
                ],
                "requestBody": upload_body("The image as the raw body, or one or more `file` fields of a multipart form."),
                "responses": {
                    "200": {
                        "description": "The `provenant check --format json` report plus the added fields; an array when a multipart request holds several files (per-file failures are then in each report's `error`).",
                        "content": {"application/json": {"schema": {"oneOf": [
                            {"$ref": "#/components/schemas/CheckAnswer"},
                            {"type": "array", "items": {"$ref": "#/components/schemas/CheckAnswer"}},
                        ]}}},
                    },
                    **errors(*upload_errors),
                },
            }
        },
        "/v1/verify": {
            "post": {
                "operationId": "verify",
                "summary": "Verify C2PA Content Credentials only.",
                "parameters": [
                    {"name": "detailed", "in": "query", "schema": {"type": "boolean", "default": False}, "description": "Include the manifest store (claims and assertions) as `detailed`."},
                    {"$ref": "#/components/parameters/filename"},
                ],
                "requestBody": upload_body("The file as the raw body, or `file` fields of a multipart form."),
                "responses": {
                    "200": {"description": "The `provenant verify --format json` report plus the added fields.", "content": {"application/json": {"schema": {"oneOf": [
                        with_added("#/components/schemas/VerifyReport"),
                        {"type": "array", "items": with_added("#/components/schemas/VerifyReport")},
                    ]}}}},
                    **errors(*upload_errors),
                },
            }
        },
        "/v1/inspect": {
            "post": {
                "operationId": "inspect",
                "summary": "Describe the container: format, size, colour, metadata, C2PA presence.",
                "parameters": [{"$ref": "#/components/parameters/filename"}],
                "requestBody": upload_body("The file as the raw body, or `file` fields of a multipart form."),
                "responses": {
                    "200": {"description": "The `provenant inspect --format json` report plus the added fields.", "content": {"application/json": {"schema": {"oneOf": [
                        with_added("#/components/schemas/InspectReport"),
                        {"type": "array", "items": with_added("#/components/schemas/InspectReport")},
                    ]}}}},
                    **errors(*upload_errors),
                },
            }
        },
        "/healthz": {"get": {"operationId": "health", "summary": "The process is alive.", "security": [{}], "responses": {"200": {"description": "Alive.", "content": {"application/json": {"schema": {"type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}}}}}}}},
        "/readyz": {"get": {"operationId": "ready", "summary": "The model and trust anchors are loaded and the service is not draining.", "security": [{}], "responses": {
            "200": {"description": "Ready.", "content": {"application/json": {"schema": {"type": "object", "required": ["status", "detector", "running", "queued"], "properties": {
                "status": {"const": "ready"}, "detector": {"type": "string", "description": "The model version, or `unavailable` when the detector is off."},
                "running": {"type": "integer", "minimum": 0}, "queued": {"type": "integer", "minimum": 0}}}}}},
            "503": {"$ref": "#/components/responses/Retry503"},
        }}},
        "/metrics": {"get": {"operationId": "metrics", "summary": "Prometheus text exposition.", "security": [{}], "responses": {"200": {"description": "Metrics.", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
        "/openapi.json": {"get": {"operationId": "openapi", "summary": "This document.", "security": [{}], "responses": {"200": {"description": "OpenAPI 3.1.", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
        "/": {"get": {"operationId": "page", "summary": "The upload page, in English or Japanese.", "security": [{}], "parameters": [
            {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["en", "ja"]}, "description": "Overrides `Accept-Language`."},
            {"name": "Accept-Language", "in": "header", "schema": {"type": "string"}},
        ], "responses": {"200": {"description": "HTML.", "content": {"text/html": {"schema": {"type": "string"}}}}}}},
    },
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "Required on /v1 only when the service runs with `--api-key-file`."}},
        "parameters": {"filename": {"name": "filename", "in": "query", "schema": {"type": "string"}, "description": "The name the report gives a raw-body upload (its `path`)."}},
        "responses": {
            "Retry429": {"description": "Every worker is busy and the queue is full.", "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            "Retry503": {"description": "Not ready (loading, failed to load, or draining).", "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        },
        "schemas": {
            "Error": {"type": "object", "required": ["error", "request_id"], "properties": {
                "error": {"type": "object", "required": ["code", "message"], "properties": {"code": {"type": "string", "examples": ["limit.upload_too_large"]}, "message": {"type": "string"}}},
                "request_id": {"type": "string"}}},
            "ReportError": {"type": ["object", "null"], "required": ["code", "message"], "properties": {"code": {"type": "string"}, "message": {"type": "string"}}},
            "Signal": {"type": "object", "required": ["kind", "name", "detected", "score", "detail"], "properties": {
                "kind": {"type": "string", "enum": ["detector", "watermark", "metadata", "c2pa"]}, "name": {"type": "string"},
                "detected": {"type": ["boolean", "null"]}, "score": {"type": ["number", "null"], "minimum": 0, "maximum": 1}, "detail": {"type": "string"}}},
            "C2PA": {"type": "object", "required": ["state"], "properties": {
                "state": {"type": "string", "enum": ["absent", "valid", "trusted", "invalid", "error"]},
                "failures": {"type": "array", "items": {"type": "string"}}, "successes": {"type": "array", "items": {"type": "string"}},
                "informational": {"type": "array", "items": {"type": "string"}},
                "digital_source_type": {"type": ["string", "null"]}, "signer": {"type": ["string", "null"]}, "signing_time": {"type": ["string", "null"]},
                "claim_generator": {"type": ["string", "null"]}, "ai_in_history": {"type": "boolean"}, "manifest_count": {"type": "integer"},
                "message": {"type": ["string", "null"]}, "error_code": {"type": ["string", "null"]}, "error_offset": {"type": ["integer", "null"]}}},
            "Provenance": {"type": ["object", "null"], "required": ["c2pa"], "properties": {"c2pa": {"$ref": "#/components/schemas/C2PA"}}},
            "CheckReport": {"type": "object", "description": "The `provenant check --format json` contract (docs/report-schema.md).", "required": ["schema_version", "path", "ai_probability", "verdict", "signals", "provenance", "explanation", "error"], "properties": {
                "schema_version": {"type": "integer", "description": "4 (frames for video)."}, "path": {"type": "string"},
                "ai_probability": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
                "verdict": {"type": ["string", "null"], "enum": ["likely_ai", "likely_authentic", "inconclusive", None]},
                "signals": {"type": "array", "items": {"$ref": "#/components/schemas/Signal"}},
                "provenance": {"$ref": "#/components/schemas/Provenance"},
                "explanation": {"type": ["object", "null"], "description": "The fusion steps: prior, each signal's change in log-odds, the band."},
                "error": {"$ref": "#/components/schemas/ReportError"},
                "frames": {"$ref": "#/components/schemas/FramesSection"}}},
            "CheckAnswer": with_added("#/components/schemas/CheckReport"),
            "VerifyReport": {"type": "object", "required": ["schema_version", "path", "provenance", "error"], "properties": {
                "schema_version": {"type": "integer"}, "path": {"type": "string"}, "provenance": {"$ref": "#/components/schemas/Provenance"},
                "detailed": {"description": "The manifest store, with `detailed=true`."}, "error": {"$ref": "#/components/schemas/ReportError"}}},
            "InspectReport": {"type": "object", "required": ["path", "error"], "properties": {
                "path": {"type": "string"}, "image": {"type": ["object", "null"], "description": "Format, dimensions, colour, JPEG/PNG/WebP/BMFF/TIFF facts, EXIF, XMP, text chunks, C2PA presence."},
                "error": {"$ref": "#/components/schemas/ReportError"},
                "video": {"type": ["object", "null"], "description": "A video's container facts (schema 4): format, container, codec, width, height, duration_seconds, frame_rate, frame_count, rotation, has_audio, bit_rate, creation_time, encoder, tags."}}},
            "Timings": {"type": "object", "description": "Seconds per stage of this request; `deep` is the learned deep stage (0 when it was skipped).", "required": ["read", "container", "c2pa", "decode", "watermark", "detector", "deep", "metadata", "fusion", "queue", "total"],
                "properties": {k: {"type": "number", "minimum": 0} for k in ["read", "container", "c2pa", "decode", "watermark", "detector", "deep", "metadata", "fusion", "queue", "total"]}},
            "FramesSection": {"type": ["object", "null"], "description": "A video's sampled frames (schema 4; null for a still image): the clip facts, the frames analysed with their timestamps and probabilities, and the clip's trimmed-mean aggregate (docs/fusion.md, \"Video\").",
                "required": ["video", "total", "analysed", "max_frames", "source", "aggregate", "trim", "averaged", "probability", "distribution", "most_suspicious", "sampled"], "properties": {
                "video": {"type": "object", "description": "Container facts: format, container, codec, width, height, duration_seconds, frame_rate, frame_count, rotation, has_audio, bit_rate, creation_time, encoder, tags."},
                "total": {"type": "integer", "minimum": 0}, "analysed": {"type": "integer", "minimum": 0}, "max_frames": {"type": "integer", "minimum": 1},
                "source": {"type": "string", "enum": ["deep", "statistical"]}, "aggregate": {"type": "string", "enum": ["trimmed_mean_logit"]},
                "trim": {"type": "number", "minimum": 0, "maximum": 0.5}, "averaged": {"type": "integer", "minimum": 0},
                "probability": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
                "distribution": {"type": ["object", "null"], "description": "min, p25, median, p75, max of the frame probabilities."},
                "most_suspicious": {"type": "array", "items": {"type": "object", "required": ["index", "timestamp", "probability"], "properties": {
                    "index": {"type": "integer"}, "timestamp": {"type": "number"}, "probability": {"type": "number"}}}},
                "sampled": {"type": "array", "items": {"type": "object", "required": ["index", "timestamp", "keyframe", "reason", "probability"], "properties": {
                    "index": {"type": "integer"}, "timestamp": {"type": "number", "description": "Seconds from the first frame."}, "keyframe": {"type": "boolean"},
                    "reason": {"type": "string", "enum": ["keyframe", "evenly_spaced"]}, "probability": {"type": ["number", "null"]},
                    "statistical_probability": {"type": ["number", "null"]}, "deep_probability": {"type": ["number", "null"]},
                    "watermark_detected": {"type": ["boolean", "null"]}, "metadata_findings": {"type": "array", "items": {"type": "string"}}}}}}},
        },
    },
}

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "Sources/ProvenantService/Resources/openapi.json"
out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
print(f"wrote {out.relative_to(root)}")
