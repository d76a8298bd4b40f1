"""Attachment bytes in the store's GridFS bucket `attachments` (works on FerretDB 1.24 as on MongoDB)."""
from __future__ import annotations

from gridfs import GridFSBucket
from gridfs.errors import NoFile
from pymongo import ASCENDING
from pymongo.database import Database


class AttachmentFiles:
    def __init__(self, db: Database):
        self.bucket = GridFSBucket(db, bucket_name="attachments")  # no I/O until a file is read or written
        self.chunks = db["attachments.chunks"]

    def ensure_indexes(self) -> None:
        """The chunk index reads and deletes use (as GridFS itself declares it on a first upload)."""
        self.chunks.create_index([("files_id", ASCENDING), ("n", ASCENDING)], unique=True)

    def save(self, file_id: str, filename: str, data: bytes, entry_id: str, sha256: str) -> None:
        """Write the bytes; the entry lists the file only after this returned."""
        self.bucket.upload_from_stream_with_id(file_id, filename, data,
                                               metadata={"entry_id": entry_id, "sha256": sha256,
                                                         "content_type": "application/pdf"})

    def read(self, file_id: str) -> bytes | None:
        """The stored bytes, or None when there is no such file."""
        try:
            return self.bucket.open_download_stream(file_id).read()
        except NoFile:
            return None

    def delete(self, file_id: str) -> None:
        """Remove the file's bytes (a missing file is fine)."""
        try:
            self.bucket.delete(file_id)
        except NoFile:
            pass
