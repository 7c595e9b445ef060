"""Type stub for newsclean (the C++ extension newsclean._newsclean and its wrappers)."""

import os
from typing import Iterable, Literal, Optional, Sequence, TypedDict, Union

Document = Union[str, bytes, bytearray]
PathArg = Union[str, "os.PathLike[str]"]
Format = Literal["auto", "text", "html"]

DEFAULT_MAX_BYTES: int
__version__: str

class RuleError(ValueError):
    file: str
    line: int
    column: int
    message: str
    errors: list[tuple[str, int, int, str]]

class NewscleanWarning(UserWarning): ...

class Block(TypedDict, total=False):
    text: str
    decision: Literal["keep", "drop", "edit"]
    reason: str
    detail: str
    zone: Literal["head", "body", "tail"]
    kind: str
    line: int
    edited: Optional[str]
    repaired: Optional[str]
    path: str

class JsonlResult:
    @property
    def output(self) -> bytes: ...
    @property
    def read(self) -> int: ...
    @property
    def written(self) -> int: ...
    @property
    def changed(self) -> int: ...
    @property
    def errors(self) -> int: ...
    @property
    def notes(self) -> list[tuple[int, str]]: ...
    @property
    def stopped(self) -> bool: ...

class Cleaner:
    def __init__(
        self,
        rules: Union[PathArg, Iterable[PathArg]] = (),
        builtin_rules: bool = True,
        disable: Union[str, Iterable[str]] = (),
    ) -> None: ...
    @property
    def rules(self) -> tuple[str, ...]: ...
    @property
    def builtin_rules(self) -> bool: ...
    @property
    def disable(self) -> tuple[str, ...]: ...
    def clean(
        self,
        text: Document,
        *,
        url: Optional[str] = None,
        site: Optional[str] = None,
        lang: Optional[str] = None,
        format: Format = "auto",
        nfkc: bool = False,
        ascii_punct: bool = False,
        reflow: bool = True,
        heuristics: bool = True,
        max_bytes: Optional[int] = ...,
    ) -> str: ...
    def explain(
        self,
        text: Document,
        *,
        url: Optional[str] = None,
        site: Optional[str] = None,
        lang: Optional[str] = None,
        format: Format = "auto",
        nfkc: bool = False,
        ascii_punct: bool = False,
        reflow: bool = True,
        heuristics: bool = True,
        max_bytes: Optional[int] = ...,
    ) -> list[Block]: ...
    def clean_many(
        self,
        texts: Iterable[Document],
        *,
        jobs: Optional[int] = None,
        url: Optional[str] = None,
        site: Optional[str] = None,
        lang: Optional[str] = None,
        format: Format = "auto",
        nfkc: bool = False,
        ascii_punct: bool = False,
        reflow: bool = True,
        heuristics: bool = True,
        max_bytes: Optional[int] = ...,
    ) -> list[str]: ...
    def clean_jsonl(
        self,
        data: Union[bytes, bytearray],
        *,
        field: str = "text",
        html_field: Optional[str] = None,
        url_field: Optional[str] = "url",
        output_field: Optional[str] = None,
        annotate: bool = False,
        on_error: Literal["pass", "drop", "fail"] = "pass",
        first_record: int = 1,
        url: Optional[str] = None,
        site: Optional[str] = None,
        lang: Optional[str] = None,
        format: Format = "auto",
        nfkc: bool = False,
        ascii_punct: bool = False,
        reflow: bool = True,
        heuristics: bool = True,
        max_bytes: Optional[int] = ...,
    ) -> JsonlResult: ...
    def __getstate__(self) -> tuple: ...
    def __setstate__(self, state: tuple) -> None: ...

def version() -> str: ...
def host_of(url: str) -> str: ...
def default_cleaner() -> Cleaner: ...
def clean(text: Document, **options: object) -> str: ...
def explain(text: Document, **options: object) -> list[Block]: ...
def clean_many(texts: Iterable[Document], *, jobs: Optional[int] = None, **options: object) -> list[str]: ...
