package dev.synod.runtime.workspace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link ObjectLog} in memory, standing for the journal's: what a crash would leave is what it holds. */
final class MemoryObjectLog implements ObjectLog {
    final Map<String, Entry> entries = new ConcurrentHashMap<>();
    final List<String> forgotten = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void add(Entry object) {
        entries.put(object.id(), object);
    }

    @Override
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    @Override
    public void forget(Collection<String> ids) {
        forgotten.addAll(ids);
        ids.forEach(entries::remove);
    }
}
