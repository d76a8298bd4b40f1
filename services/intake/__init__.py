"""intake: regions submit their agencies' innovations; emits kipp.entries and kipp.competitions."""
