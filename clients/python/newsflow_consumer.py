#!/usr/bin/env python3
"""Reads newsflow's topics from Python and prints each record as canonical JSON, one per line.

The reference consumer for other languages (see README.md): it uses only Debian's python3-confluent-kafka
and python3-avro, finds each value's writer schema through schemas/fingerprints.json and prints the same
lines as `newsflow tail TOPIC --from-beginning --with-metadata --until-end`.
"""
import argparse
import base64
import datetime
import io
import json
import math
import os
import re
import sys

import avro.io
import avro.schema
from confluent_kafka import Consumer, KafkaError, TopicPartition

PUBLIC_TOPICS = ["articles.raw", "releases.raw", "companies", "articles.enriched", "company.summary", "stories",
                 "company.activity", "company.activity.final", "alert.rules", "alerts", "dlq", "alerts.dlq",
                 "digests.delivered"]
MAGIC = b"\xc3\x01"
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FINGERPRINTS = os.path.join(HERE, "..", "..", "schemas", "fingerprints.json")

# ------------------------------------------------------------------ fingerprints

CRC64_EMPTY = 0xC15D213AA4D7A795
_CRC64_TABLE = []
for _i in range(256):
    _fp = _i
    for _ in range(8):
        _fp = (_fp >> 1) ^ (CRC64_EMPTY & -(_fp & 1))
    _CRC64_TABLE.append(_fp)


def crc64_avro(data):
    fp = CRC64_EMPTY
    for b in data:
        fp = (fp >> 8) ^ _CRC64_TABLE[(fp ^ b) & 0xFF]
    return fp


def parsing_canonical_form(schema):
    """The Parsing Canonical Form as the Avro specification defines it.

    python-avro 1.11's schema.canonical_form keeps {"type":"long"} for a primitive that had a
    logicalType; the specification (and Java, and newsflow) reduce it to "long". Without this fix every
    schema with a timestamp gets a wrong fingerprint.
    """
    return re.sub(r'\{"type":"(null|boolean|int|long|float|double|bytes|string)"\}', r'"\1"',
                  schema.canonical_form)


def wire_hex(schema):
    """The fingerprint as it travels: 8 bytes little-endian, as lowercase hex."""
    return crc64_avro(parsing_canonical_form(schema).encode("utf-8")).to_bytes(8, "little").hex()


class SchemaLookup:
    """Writer schemas by wire fingerprint, from fingerprints.json; reader = the record's newest version."""

    def __init__(self, fingerprints_path):
        base = os.path.dirname(os.path.abspath(fingerprints_path))
        with open(fingerprints_path, encoding="utf-8") as f:
            entries = json.load(f)
        self.writers = {}
        newest = {}
        for hex_fp, file in entries.items():
            with open(os.path.join(base, file), encoding="utf-8") as f:
                schema = avro.schema.parse(f.read())
            if wire_hex(schema) != hex_fp:
                raise ValueError(f"{file}: fingerprint {wire_hex(schema)} is not the {hex_fp} listed")
            record, version = re.search(r"/([^/]+)/v(\d+)\.avsc$", file).groups()
            self.writers[hex_fp] = (record, schema)
            if record not in newest or int(version) > newest[record][0]:
                newest[record] = (int(version), schema)
        self.readers = {record: schema for record, (_, schema) in newest.items()}

    def decode(self, value):
        """A single-object encoded value as (record name, reader schema, decoded datum)."""
        if value[:2] != MAGIC or len(value) < 10:
            raise ValueError("not Avro single-object encoding (no C3 01 header)")
        hex_fp = value[2:10].hex()
        if hex_fp not in self.writers:
            raise ValueError(f"unknown writer fingerprint {hex_fp}: update schemas/fingerprints.json")
        record, writer = self.writers[hex_fp]
        reader = self.readers[record]
        datum = avro.io.DatumReader(writer, reader).read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))
        return record, reader, datum

# ------------------------------------------------------------------ canonical JSON


def instant(value):
    """Like Java's Instant.toString(): seconds always, fraction in groups of three digits only when set."""
    if isinstance(value, datetime.datetime):
        value = value.astimezone(datetime.timezone.utc)
        text = value.strftime("%Y-%m-%dT%H:%M:%S")
        micros = value.microsecond
    else:  # epoch milliseconds
        seconds, millis = divmod(value, 1000)
        text = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
        micros = millis * 1000
    if micros % 1000 == 0 and micros:
        text += ".%03d" % (micros // 1000)
    elif micros:
        text += ".%06d" % micros
    return text + "Z"


def canonical(datum, schema):
    """newsflow's canonical JSON: schema order, nulls left out, timestamps ISO-8601, bytes base64."""
    if datum is None:
        return None
    kind = schema.type
    if kind == "union":
        return canonical(datum, next(s for s in schema.schemas if s.type != "null"))
    if kind == "record":
        out = {}
        for field in schema.fields:
            value = datum.get(field.name)
            if value is not None:
                out[field.name] = canonical(value, field.type)
        return out
    if kind == "array":
        return [canonical(item, schema.items) for item in datum]
    if kind == "map":
        return {k: canonical(v, schema.values) for k, v in datum.items()}
    if isinstance(datum, datetime.datetime) or schema.get_prop("logicalType") == "timestamp-millis":
        return instant(datum)
    if kind in ("double", "float"):
        return float(datum) if math.isfinite(datum) else None
    if kind == "bytes":
        return base64.b64encode(datum).decode("ascii")
    return datum


def value_json(value, headers, schemas):
    """A value as canonical JSON, whichever format it was written in (output.format=avro|json)."""
    if value is None:
        return None
    content_type = dict(headers or []).get("content-type", b"").decode("utf-8")
    if content_type.startswith("application/json") or (not content_type and value[:1] == b"{"):
        return json.loads(value)
    _, reader, datum = schemas.decode(value)
    return canonical(datum, reader)

# ------------------------------------------------------------------ consuming


def read_topic(bootstrap, topic, schemas, out, follow=False):
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": "newsflow-python-reference",  # required by the client; nothing is committed
        "enable.auto.commit": False,
        # The outputs are written in transactions: read only committed records, and stop on partition
        # EOF rather than at the end offset, which also counts the transaction markers.
        "isolation.level": "read_committed",
        "enable.partition.eof": True,
    })
    try:
        metadata = consumer.list_topics(topic, timeout=30)
        if metadata.topics[topic].error is not None:
            raise SystemExit(f"topic {topic}: {metadata.topics[topic].error}")
        partitions = [TopicPartition(topic, p, 0) for p in sorted(metadata.topics[topic].partitions)]
        consumer.assign(partitions)  # no group membership: read every partition from the beginning
        at_end = set()
        next_offset = {}  # partition -> the offset after the last one printed
        printed = 0
        while follow or len(at_end) < len(partitions):
            msg = consumer.poll(1.0)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == KafkaError._PARTITION_EOF:
                    at_end.add(msg.partition())
                    continue
                raise SystemExit(f"topic {topic}: {msg.error()}")
            if msg.offset() < next_offset.get(msg.partition(), 0):
                # A client may hand a record over again after an internal retry: print each offset once.
                print(f"{topic}-{msg.partition()}@{msg.offset()}: delivered again, printed once", file=sys.stderr)
                continue
            next_offset[msg.partition()] = msg.offset() + 1
            line = {
                "topic": msg.topic(), "partition": msg.partition(), "offset": msg.offset(),
                "key": None if msg.key() is None else msg.key().decode("utf-8"),
                "timestamp": instant(msg.timestamp()[1]),
                "value": value_json(msg.value(), msg.headers(), schemas),
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            printed += 1
        return printed
    finally:
        consumer.close()


def check_vectors(directory, schemas):
    """Decodes every test vector (hex -> canonical JSON); returns the names that did not match."""
    wrong = []
    for name in sorted(os.listdir(directory)):
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            vector = json.load(f)
        _, reader, datum = schemas.decode(bytes.fromhex(vector["hex"]))
        if canonical(datum, reader) != vector["json"]:
            wrong.append(name)
    return wrong


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topics", nargs="*", help="topics without the prefix (default: every public topic)")
    parser.add_argument("--bootstrap-servers", default="localhost:9092")
    parser.add_argument("--prefix", default="newsflow.", help="the topic.prefix newsflow runs with")
    parser.add_argument("--fingerprints", default=DEFAULT_FINGERPRINTS)
    parser.add_argument("--follow", action="store_true", help="keep reading new records (one topic)")
    parser.add_argument("--check-vectors", metavar="DIR", help="decode schemas/test-vectors and exit")
    args = parser.parse_args()

    schemas = SchemaLookup(args.fingerprints)
    if args.check_vectors:
        wrong = check_vectors(args.check_vectors, schemas)
        print("test vectors: " + ("all match" if not wrong else "wrong: " + ", ".join(wrong)), file=sys.stderr)
        return 1 if wrong else 0
    topics = args.topics or PUBLIC_TOPICS
    if args.follow and len(topics) != 1:
        parser.error("--follow reads one topic")
    for topic in topics:
        count = read_topic(args.bootstrap_servers, args.prefix + topic, schemas, sys.stdout, args.follow)
        print(f"{args.prefix}{topic}: {count} records", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
