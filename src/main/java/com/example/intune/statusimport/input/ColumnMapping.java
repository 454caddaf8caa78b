package com.example.intune.statusimport.input;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.fileformat.Printable;

/**
 * What each column of a header (CSV, TSV, workbook) or key of an NDJSON object sets: the one place where a name is
 * given its meaning. A column or key starting with {@code _} is always ignored (notes, the report's own columns);
 * otherwise the user's own names come first ({@code --map "HEADER=property"}, {@code --mapping FILE}), mapping a
 * header to a property or to a name starting with {@code _} to ignore it; then the Graph property names. Names are
 * compared as {@link DeviceStatusProperty#columnKey} does: letter case and spaces ignored, inside the name too.
 */
public final class ColumnMapping {

	/** No names of the user's own: the Graph property names only. */
	public static final ColumnMapping NONE = new ColumnMapping(Map.of());

	private static final Ignored IGNORED = new Ignored();

	private static final Map<DeviceStatusProperty, Sets> BY_GRAPH_NAME = new EnumMap<>(DeviceStatusProperty.class);

	static {
		for (DeviceStatusProperty property : DeviceStatusProperty.values()) {
			BY_GRAPH_NAME.put(property, new Sets(property, null));
		}
	}

	/** What a column or key means. */
	public sealed interface Meaning permits Sets, Ignored, Unknown {
	}

	/**
	 * The column sets {@code property}.
	 * @param mappedBy where the user mapped it ({@code --map "Device ID=id"}, a file's line), or {@code null} when
	 * the column has the property's own name
	 */
	public record Sets(DeviceStatusProperty property, String mappedBy) implements Meaning {
	}

	/** The column is ignored: it starts with {@code _}, or the user mapped it to such a name. */
	public record Ignored() implements Meaning {
	}

	/** The column names no property; {@code closest} is the one it most likely means, to suggest. */
	public record Unknown(Optional<DeviceStatusProperty> closest) implements Meaning {
	}

	/** One mapping: the header as given, the property ({@code null} to ignore the column), where it was given. */
	private record Entry(String header, DeviceStatusProperty property, String source, Meaning meaning) {

		Entry(String header, DeviceStatusProperty property, String source) {
			this(header, property, source, property == null ? IGNORED : new Sets(property, source));
		}

	}

	private final Map<String, Entry> byKey;

	private ColumnMapping(Map<String, Entry> byKey) {
		this.byKey = byKey;
	}

	/**
	 * The mapping of {@code --map} options and a {@code --mapping} file.
	 * @param options each {@code HEADER=property}
	 * @param file the mapping file, or {@code null}
	 * @throws InputProblem naming the option or the file's line when a mapping cannot be used: no {@code =}, no
	 * header, a header starting with {@code _}, an unknown property, a header mapped to two properties, two headers
	 * mapped to one property
	 */
	public static ColumnMapping of(List<String> options, Path file) {
		List<MappingFile.Pair> pairs = new ArrayList<>(file == null ? List.of() : MappingFile.read(file));
		for (String option : options) {
			int equals = option.lastIndexOf('=');
			if (equals < 0) {
				throw new InputProblem("--map '" + Printable.of(option) + "' has no '='; write it as --map"
						+ " \"HEADER=property\", for example --map \"Device ID=id\"");
			}
			pairs.add(new MappingFile.Pair(option.substring(0, equals).strip(), option.substring(equals + 1).strip(),
					"--map \"" + Printable.of(option) + "\""));
		}
		Map<String, Entry> byKey = new LinkedHashMap<>();
		Map<DeviceStatusProperty, Entry> byProperty = new EnumMap<>(DeviceStatusProperty.class);
		for (MappingFile.Pair pair : pairs) {
			Entry entry = entry(pair);
			String key = DeviceStatusProperty.columnKey(pair.header());
			Entry earlier = byKey.putIfAbsent(key, entry);
			if (earlier != null && earlier.property() != entry.property()) {
				throw new InputProblem(pair.source() + ": the header '" + Printable.of(earlier.header())
						+ "' is already mapped to " + target(earlier) + " by " + earlier.source()
						+ "; a header sets one property, so keep one of the two");
			}
			Entry sameProperty = entry.property() == null ? null : byProperty.putIfAbsent(entry.property(), entry);
			if (earlier == null && sameProperty != null) {
				throw new InputProblem(pair.source() + ": the headers '" + Printable.of(sameProperty.header())
						+ "' (" + sameProperty.source() + ") and '" + Printable.of(entry.header()) + "' are both"
						+ " mapped to " + entry.property().graphName() + "; a property takes one column, so keep one"
						+ " of the two");
			}
		}
		return byKey.isEmpty() ? NONE : new ColumnMapping(Map.copyOf(byKey));
	}

	private static Entry entry(MappingFile.Pair pair) {
		String key = DeviceStatusProperty.columnKey(pair.header());
		if (key.isEmpty()) {
			throw new InputProblem(pair.source() + " names no header; write HEADER=property, for example"
					+ " \"Device ID=id\"");
		}
		if (key.startsWith("_")) {
			throw new InputProblem(pair.source() + ": the header '" + Printable.of(pair.header()) + "' starts with"
					+ " _, and such columns are always ignored (they hold notes and the report's own columns); name"
					+ " a header without it");
		}
		if (DeviceStatusProperty.columnKey(pair.target()).startsWith("_")) {
			return new Entry(pair.header(), null, pair.source());
		}
		Optional<DeviceStatusProperty> property = DeviceStatusProperty.forColumn(pair.target());
		if (property.isEmpty()) {
			throw new InputProblem(pair.source() + ": '" + Printable.of(pair.target()) + "' is not a property"
					+ closest(pair.target()) + "; map a header to one of "
					+ String.join(", ", DeviceStatusProperty.acceptedColumnNames())
					+ " (letter case and spaces ignored), or to a name starting with _ to ignore the column");
		}
		return new Entry(pair.header(), property.get(), pair.source());
	}

	/** What a column of a header, or a key of an NDJSON object, sets. */
	public Meaning meaningOf(String column) {
		String key = DeviceStatusProperty.columnKey(column);
		if (key.startsWith("_")) {
			return IGNORED;
		}
		Entry entry = this.byKey.get(key);
		if (entry != null) {
			return entry.meaning();
		}
		Optional<DeviceStatusProperty> property = DeviceStatusProperty.forColumn(column);
		return property.isPresent() ? BY_GRAPH_NAME.get(property.get())
				: new Unknown(DeviceStatusProperty.closestTo(column));
	}

	/** The headers the user mapped that none of {@code columns} matches: typos, when a column is unknown. */
	public List<String> unmatched(Collection<String> columns) {
		Set<String> keys = columns.stream().map(DeviceStatusProperty::columnKey).collect(Collectors.toSet());
		return this.byKey.entrySet()
			.stream()
			.filter(e -> !keys.contains(e.getKey()))
			.map(e -> e.getValue().header())
			.toList();
	}

	public boolean isEmpty() {
		return this.byKey.isEmpty();
	}

	/**
	 * The SHA-256 of what the mapping does, whatever order or spelling it was given in: two mappings that read a file
	 * the same way have the same fingerprint. A resumed run must read its file as the interrupted one did.
	 */
	public String fingerprint() {
		StringBuilder canonical = new StringBuilder();
		new TreeMap<>(this.byKey).forEach((key, entry) -> canonical.append(key)
			.append('=')
			.append(entry.property() == null ? "_" : entry.property().graphName())
			.append('\n'));
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** " (lastReportedDateTime?)" when a name most likely means a property, for a message; else nothing. */
	static String closest(String name) {
		return DeviceStatusProperty.closestTo(name).map(p -> " (" + p.graphName() + "?)").orElse("");
	}

	private static String target(Entry entry) {
		return entry.property() == null ? "_ (ignored)" : entry.property().graphName();
	}

}
