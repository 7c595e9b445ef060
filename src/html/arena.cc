#include "html/arena.h"

#include <algorithm>

namespace newsclean::html {

void* Arena::allocate_slow(std::size_t size) {
  if (size == 0) size = kAlign;
  // The next kept chunk that is large enough (the current one is not).
  if (next_ != nullptr && size <= static_cast<std::size_t>(end_ - next_)) {
    void* p = next_;
    next_ += size;
    return p;
  }
  while (++current_ < chunks_.size()) {
    Chunk& c = chunks_[current_];
    if (c.size >= size) {
      next_ = c.data.get() + size;
      end_ = c.data.get() + c.size;
      return c.data.get();
    }
  }
  // A new chunk: each twice the last, up to kMaxChunk; a larger request gets
  // a chunk of its own size.
  const std::size_t last = chunks_.empty() ? kFirstChunk / 2 : chunks_.back().size;
  const std::size_t want = std::max(size, std::min(kMaxChunk, last * 2));
  chunks_.push_back(Chunk{std::unique_ptr<char[]>(new char[want]), want});
  reserved_ += want;
  current_ = chunks_.size() - 1;
  next_ = chunks_.back().data.get() + size;
  end_ = chunks_.back().data.get() + want;
  return chunks_.back().data.get();
}

void Arena::reset() {
  if (reserved_ > kKeep) {
    // Keep the first chunks up to kKeep; free the rest.
    std::size_t kept = 0, n = 0;
    while (n < chunks_.size() && kept + chunks_[n].size <= kKeep) kept += chunks_[n++].size;
    chunks_.resize(n);
    reserved_ = kept;
  }
  current_ = 0;
  next_ = chunks_.empty() ? nullptr : chunks_[0].data.get();
  end_ = chunks_.empty() ? nullptr : chunks_[0].data.get() + chunks_[0].size;
}

}  // namespace newsclean::html
