package dev.flotilla.bench.http;

import java.util.Map;

/** What every case measured in one round, by case name. */
record RoundResult(int round, Map<String, WrkResult> results) {
}
