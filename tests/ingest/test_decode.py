import pytest

from newsgraph.errors import Reason, Rejected
from newsgraph.ingest.decode import decode_bytes


def test_decode_utf8_keeps_curly_quotes_and_dashes():
    decoded = decode_bytes("“kill without warning” — Tokayev’s".encode())
    assert decoded.text == "“kill without warning” — Tokayev’s"
    assert decoded.how == "utf-8"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_decode_bom_text(encoding):
    decoded = decode_bytes("Almaty — “calm”".encode(encoding))
    assert decoded.text == "Almaty — “calm”"
    assert decoded.how == "bom"


def test_decode_declared_html_charset():
    page = '<html><head><meta charset="windows-1251"></head><body>Привет мир</body></html>'
    decoded = decode_bytes(page.encode("cp1251"), html=True)
    assert "Привет мир" in decoded.text
    assert decoded.how == "declared"


def test_decode_mixed_encoding_repairs_cp1252_lines():
    data = "First line “quoted” in UTF-8.\n".encode() + "Second line “quoted” in cp1252.".encode(
        "cp1252"
    )
    decoded = decode_bytes(data)
    assert decoded.how == "mixed"
    assert decoded.text.splitlines() == [
        "First line “quoted” in UTF-8.",
        "Second line “quoted” in cp1252.",
    ]


def test_decode_guesses_latin1_without_declaration():
    decoded = decode_bytes("Le président a déclaré que la crise était terminée.".encode("latin-1"))
    assert decoded.how == "guessed"
    assert "président" in decoded.text


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7 binary", b"\x89PNG\r\n\x1a\n....", b"abc\x00\x01\x02def", bytes(range(256)) * 4],
)
def test_decode_rejects_binary(data):
    with pytest.raises(Rejected) as caught:
        decode_bytes(data)
    assert caught.value.reason is Reason.BINARY
