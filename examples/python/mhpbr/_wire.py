"""A minimal protocol buffers wire-format codec, enough for mhpbr's C API.

The Python binding uses only the standard library, so it cannot depend on
the protobuf package. Messages are dicts; a schema maps each field name to
(number, kind, sub-schema or None, repeated). Kinds: "int" (int32/int64,
two's complement), "bool", "string", "msg", "enum" (int or name through the
enum dict given as sub-schema). Absent keys are not written, so proto3
`optional` presence follows the dict.
"""


def _varint(value):
    if value < 0:
        value += 1 << 64
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _read_varint(data, pos):
    result = shift = 0
    while True:
        if pos >= len(data):
            raise ValueError("truncated varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise ValueError("varint too long")


def _signed(value):
    return value - (1 << 64) if value >= 1 << 63 else value


def encode(message, schema):
    out = bytearray()
    for name, value in message.items():
        if name not in schema:
            raise KeyError("unknown field %r" % name)
        number, kind, sub, repeated = schema[name]
        values = value if repeated else [value]
        for v in values:
            if kind in ("int", "bool", "enum"):
                if kind == "enum" and isinstance(v, str):
                    v = sub[v]
                out += _varint(number << 3) + _varint(int(v))
            elif kind == "string":
                raw = v.encode("utf-8")
                out += _varint(number << 3 | 2) + _varint(len(raw)) + raw
            elif kind == "msg":
                raw = encode(v, sub)
                out += _varint(number << 3 | 2) + _varint(len(raw)) + raw
            else:
                raise ValueError("unknown kind %r" % kind)
    return bytes(out)


def decode(data, schema):
    by_number = {spec[0]: (name,) + tuple(spec[1:]) for name, spec in schema.items()}
    message = {name: [] for name, spec in schema.items() if spec[3]}
    pos = 0
    while pos < len(data):
        key, pos = _read_varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            raw, pos = _read_varint(data, pos)
            payload = None
        elif wire == 2:
            length, pos = _read_varint(data, pos)
            payload = data[pos:pos + length]
            pos += length
        elif wire == 1:
            payload, pos = data[pos:pos + 8], pos + 8
        elif wire == 5:
            payload, pos = data[pos:pos + 4], pos + 4
        else:
            raise ValueError("unsupported wire type %d" % wire)
        if number not in by_number:
            continue  # a field added after this binding: ignored
        name, kind, sub, repeated = by_number[number]
        if kind in ("int", "bool", "enum"):
            if payload is not None:  # packed repeated scalars
                values, p = [], 0
                while p < len(payload):
                    v, p = _read_varint(payload, p)
                    values.append(v)
            else:
                values = [raw]
            values = [bool(v) if kind == "bool" else _signed(v) for v in values]
            if kind == "enum" and sub:
                names = {v: k for k, v in sub.items()}
                values = [names.get(v, v) for v in values]
        elif kind == "string":
            values = [bytes(payload).decode("utf-8")]
        else:
            values = [decode(bytes(payload), sub)]
        if repeated:
            message[name].extend(values)
        else:
            message[name] = values[-1]
    return message
