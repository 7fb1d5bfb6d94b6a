#!/usr/bin/env python3
"""Writes examples/example-passport.pdf: a one-page PDF made by the project,
standing in for the scan of an identity document in the example
questionnaire and in tests. Run from anywhere; stdlib only."""
import pathlib

lines = [
    "IZKT example document",
    "Sample scan of an identity document (not a real person).",
    "Series and number: 4510 123456",
]
text = "BT /F1 14 Tf 72 760 Td 18 TL " + " ".join(f"({l}) '" for l in lines) + " ET"
objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
    "/Resources << /Font << /F1 5 0 R >> >> >>",
    f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
]
out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for i, body in enumerate(objects, start=1):
    offsets.append(len(out))
    out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
xref = len(out)
out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
for off in offsets:
    out += f"{off:010d} 00000 n \n".encode()
out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
path = pathlib.Path(__file__).with_name("example-passport.pdf")
path.write_bytes(bytes(out))
print(f"{path}: {len(out)} bytes")
