package dev.sociscope.app.ztoc;

import dev.sociscope.app.model.SpanInfo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntFunction;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.converter.PaintConverter;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.util.Duration;

/**
 * One bar per span, as wide as its compressed bytes, wrapped over rows; a tick marks each checkpoint. Highlighted
 * spans are those the selected files need. Colours come from CSS ({@code -span-fill} and friends).
 */
public final class SpanMap extends Region {
  static final double ROW_HEIGHT = 22;
  static final double ROW_GAP = 10;
  static final double MIN_AVERAGE_SPAN_WIDTH = 10;
  static final int MAX_ROWS = 8;

  private final Canvas canvas = new Canvas();
  private final ObjectProperty<List<SpanInfo>> spans = new SimpleObjectProperty<>(this, "spans", List.of());
  private final ObjectProperty<BitSet> highlighted = new SimpleObjectProperty<>(this, "highlighted", new BitSet());
  private final ObjectProperty<BitSet> artifact = new SimpleObjectProperty<>(this, "artifact", new BitSet());
  private final ObjectProperty<BitSet> profile = new SimpleObjectProperty<>(this, "profile", new BitSet());
  /** Height of the profile's bar along the bottom of a span, so a span can show both prefetch colours. */
  static final double PROFILE_BAR = 5;
  private final ReadOnlyIntegerWrapper hovered = new ReadOnlyIntegerWrapper(this, "hovered", -1);
  private final Tooltip tooltip = new Tooltip();
  private IntFunction<String> tooltipText = i -> "span " + i;
  private List<Segment> segments = List.of();

  /** A drawn piece of a span: a span split across two rows yields two segments. */
  record Segment(int span, int row, double x0, double x1, boolean startsSpan) {}

  public SpanMap() {
    getStyleClass().add("span-map");
    getChildren().add(canvas);
    tooltip.setShowDelay(Duration.millis(120));
    tooltip.setHideDelay(Duration.millis(100));
    tooltip.getStyleClass().add("span-tooltip");
    spans.addListener((o, a, b) -> {
      hovered.set(-1);
      requestLayout();
      redraw();
    });
    highlighted.addListener((o, a, b) -> redraw());
    artifact.addListener((o, a, b) -> redraw());
    profile.addListener((o, a, b) -> redraw());
    hovered.addListener((o, a, b) -> {
      redraw();
      int span = b.intValue();
      if (span < 0) {
        Tooltip.uninstall(canvas, tooltip);
      } else {
        tooltip.setText(tooltipText.apply(span));
        Tooltip.install(canvas, tooltip);
      }
    });
    canvas.setOnMouseMoved(e -> hovered.set(spanAt(e.getX(), e.getY())));
    canvas.setOnMouseExited(e -> hovered.set(-1));
  }

  public ObjectProperty<List<SpanInfo>> spansProperty() {
    return spans;
  }

  /** Spans an existing prefetch artifact lists: filled in the prefetch colour. */
  public ObjectProperty<BitSet> artifactProperty() {
    return artifact;
  }

  /** Spans the start-up profile needs: a bar under the span in the profile colour. */
  public ObjectProperty<BitSet> profileProperty() {
    return profile;
  }

  public ObjectProperty<BitSet> highlightedProperty() {
    return highlighted;
  }

  /** The span under the mouse, or -1. */
  public ReadOnlyIntegerProperty hoveredProperty() {
    return hovered.getReadOnlyProperty();
  }

  public void setTooltipText(IntFunction<String> text) {
    this.tooltipText = text;
  }

  public Tooltip tooltip() {
    return tooltip;
  }

  /** The span drawn at (x, y) in this control's coordinates, or -1. */
  public int spanAt(double x, double y) {
    Insets in = insets();
    for (Segment s : segments) {
      double top = in.top + s.row * (ROW_HEIGHT + ROW_GAP);
      if (y >= top - ROW_GAP / 2 && y < top + ROW_HEIGHT + ROW_GAP / 2 && x >= s.x0 && x < s.x1) {
        return s.span;
      }
    }
    return -1;
  }

  /** The centre of {@code span}'s first segment, for tests that hover it. */
  public javafx.geometry.Point2D centreOf(int span) {
    Insets in = insets();
    for (Segment s : segments) {
      if (s.span == span) {
        return new javafx.geometry.Point2D((s.x0 + s.x1) / 2, in.top + s.row * (ROW_HEIGHT + ROW_GAP) + ROW_HEIGHT / 2);
      }
    }
    return null;
  }

  private record Insets(double top, double left, double right, double bottom) {}

  private Insets insets() {
    javafx.geometry.Insets i = getInsets();
    return new Insets(i.getTop(), i.getLeft(), i.getRight(), i.getBottom());
  }

  int rowsFor(double width) {
    int n = spans.get().size();
    if (n == 0 || width <= 0) {
      return 1;
    }
    int rows = (int) Math.ceil(n * MIN_AVERAGE_SPAN_WIDTH / width);
    return Math.max(1, Math.min(MAX_ROWS, rows));
  }

  @Override
  protected double computePrefHeight(double width) {
    Insets in = insets();
    double w = (width > 0 ? width : 800) - in.left - in.right;
    int rows = rowsFor(w);
    return in.top + in.bottom + rows * ROW_HEIGHT + (rows - 1) * ROW_GAP;
  }

  @Override
  protected double computePrefWidth(double height) {
    return 600;
  }

  @Override
  protected double computeMinHeight(double width) {
    return computePrefHeight(width);
  }

  @Override
  protected void layoutChildren() {
    canvas.setWidth(Math.max(0, getWidth()));
    canvas.setHeight(Math.max(0, getHeight()));
    redraw();
  }

  private void layoutSegments(double width) {
    List<SpanInfo> list = spans.get();
    List<Segment> out = new ArrayList<>();
    Insets in = insets();
    double w = width - in.left - in.right;
    if (list.isEmpty() || w <= 4) {
      segments = out;
      return;
    }
    long total = 0;
    for (SpanInfo s : list) {
      total += Math.max(1, s.compressedSize());
    }
    int rows = rowsFor(w);
    double perRow = (double) total / rows;
    double pos = 0;
    for (SpanInfo s : list) {
      double start = pos;
      double end = pos + Math.max(1, s.compressedSize());
      pos = end;
      boolean first = true;
      while (start < end - 1e-9) {
        int row = Math.min(rows - 1, (int) (start / perRow));
        double rowEnd = (row + 1) * perRow;
        double segEnd = row == rows - 1 ? end : Math.min(end, rowEnd);
        double x0 = in.left + (start - row * perRow) / perRow * w;
        double x1 = in.left + (segEnd - row * perRow) / perRow * w;
        out.add(new Segment(s.index(), row, x0, x1, first));
        first = false;
        start = segEnd;
      }
    }
    segments = out;
  }

  private void redraw() {
    double width = canvas.getWidth();
    double height = canvas.getHeight();
    layoutSegments(width);
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.clearRect(0, 0, width, height);
    BitSet marks = highlighted.get() == null ? new BitSet() : highlighted.get();
    BitSet prefetched = artifact.get() == null ? new BitSet() : artifact.get();
    BitSet profiled = profile.get() == null ? new BitSet() : profile.get();
    int hover = hovered.get();
    Insets in = insets();
    for (Segment s : segments) {
      double top = in.top + s.row * (ROW_HEIGHT + ROW_GAP);
      Paint fill;
      if (marks.get(s.span)) {
        fill = highlightFill.getValue();
      } else if (prefetched.get(s.span)) {
        fill = prefetchFill.getValue();
      } else {
        fill = s.span % 2 == 0 ? spanFill.getValue() : spanFillAlt.getValue();
      }
      g.setFill(fill);
      g.fillRect(s.x0, top, Math.max(1, s.x1 - s.x0), ROW_HEIGHT);
      if (profiled.get(s.span)) {
        g.setFill(profileFill.getValue());
        g.fillRect(s.x0, top + ROW_HEIGHT - PROFILE_BAR, Math.max(1, s.x1 - s.x0), PROFILE_BAR);
      }
      if (s.span == hover) {
        g.setStroke(hoverStroke.getValue());
        g.setLineWidth(2);
        g.strokeRect(s.x0 + 1, top + 1, Math.max(1, s.x1 - s.x0 - 2), ROW_HEIGHT - 2);
      }
      if (s.startsSpan) {
        g.setStroke(checkpointStroke.getValue());
        g.setLineWidth(1);
        double x = Math.floor(s.x0) + 0.5;
        g.strokeLine(x, top - 3, x, top + ROW_HEIGHT + 3);
      }
    }
  }

  // CSS

  private final StyleableProperty<Paint> spanFill = paint("spanFill", Color.web("#9db8d9"));
  private final StyleableProperty<Paint> spanFillAlt = paint("spanFillAlt", Color.web("#b7cbe4"));
  private final StyleableProperty<Paint> highlightFill = paint("highlightFill", Color.web("#e07b39"));
  private final StyleableProperty<Paint> prefetchFill = paint("prefetchFill", Color.web("#4caf7a"));
  private final StyleableProperty<Paint> profileFill = paint("profileFill", Color.web("#8e44ad"));
  private final StyleableProperty<Paint> hoverStroke = paint("hoverStroke", Color.web("#1b2733"));
  private final StyleableProperty<Paint> checkpointStroke = paint("checkpointStroke", Color.web("#3d4f63"));

  private StyleableProperty<Paint> paint(String name, Paint initial) {
    SimpleStyleableObjectProperty<Paint> p =
        new SimpleStyleableObjectProperty<>(cssMeta(name), this, name, initial);
    p.addListener((o, a, b) -> redraw());
    return p;
  }

  private static final List<CssMetaData<? extends Styleable, ?>> CSS = List.of(
      meta("-span-fill", "spanFill", Color.web("#9db8d9")),
      meta("-span-fill-alt", "spanFillAlt", Color.web("#b7cbe4")),
      meta("-span-highlight-fill", "highlightFill", Color.web("#e07b39")),
      meta("-span-prefetch-fill", "prefetchFill", Color.web("#4caf7a")),
      meta("-span-profile-fill", "profileFill", Color.web("#8e44ad")),
      meta("-span-hover-stroke", "hoverStroke", Color.web("#1b2733")),
      meta("-span-checkpoint-stroke", "checkpointStroke", Color.web("#3d4f63")));

  @SuppressWarnings("unchecked")
  private static CssMetaData<SpanMap, Paint> cssMeta(String field) {
    for (CssMetaData<? extends Styleable, ?> m : CSS) {
      if (((NamedMeta) m).field.equals(field)) {
        return (CssMetaData<SpanMap, Paint>) m;
      }
    }
    throw new IllegalArgumentException(field);
  }

  private static CssMetaData<SpanMap, Paint> meta(String property, String field, Paint initial) {
    return new NamedMeta(property, field, initial);
  }

  /** CSS metadata for one colour, found by the field it sets. */
  private static final class NamedMeta extends CssMetaData<SpanMap, Paint> {
    final String field;

    NamedMeta(String property, String field, Paint initial) {
      super(property, PaintConverter.getInstance(), initial);
      this.field = field;
    }

    @Override
    public boolean isSettable(SpanMap node) {
      return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public StyleableProperty<Paint> getStyleableProperty(SpanMap node) {
      switch (field) {
        case "spanFill":
          return node.spanFill;
        case "spanFillAlt":
          return node.spanFillAlt;
        case "highlightFill":
          return node.highlightFill;
        case "hoverStroke":
          return node.hoverStroke;
        case "prefetchFill":
          return node.prefetchFill;
        case "profileFill":
          return node.profileFill;
        default:
          return node.checkpointStroke;
      }
    }
  }

  public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
    List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
    all.addAll(CSS);
    return all;
  }

  @Override
  public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
    return getClassCssMetaData();
  }
}
