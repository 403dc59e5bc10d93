package dev.gatehouse.admin.route;

import dev.gatehouse.config.composite.CompositeSpec;
import dev.gatehouse.config.composite.CompositeStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of a composite route laid out for an inline SVG on the route's page: one column per dependency level
 * ({@link CompositeSpec#levels()}; steps of a column run in parallel), one box per step, an arrow from each step
 * to every step that waits for it. Computed on the server so the page needs no script or chart library.
 *
 * @param width  of the drawing, in SVG user units (pixels)
 * @param height of the drawing
 * @param boxes  one per step, in level order
 * @param arrows one per dependency
 */
public record StepDiagram(int width, int height, List<Box> boxes, List<Arrow> arrows) {

    static final int BOX_WIDTH = 200;
    static final int BOX_HEIGHT = 64;
    static final int GAP_X = 64;
    static final int GAP_Y = 16;
    static final int PADDING = 8;
    /** Longest text shown in a box; the full text is in the box's tooltip and in the table of steps. */
    static final int MAX_TEXT = 24;

    public StepDiagram {
        boxes = List.copyOf(boxes);
        arrows = List.copyOf(arrows);
    }

    /**
     * A step's box.
     *
     * @param name     the step's name (shortened to fit)
     * @param service  the service it calls (shortened to fit)
     * @param required whether the call fails when this step fails
     * @param title    the full text, for the tooltip
     * @param level    its column: 0 for steps that wait for nothing
     * @param x        left edge
     * @param y        top edge
     */
    public record Box(String name, String service, boolean required, String title, int level, int x, int y) {
    }

    /**
     * A dependency: from the step that answers first to the one that waits for it.
     *
     * @param from name of the step waited for
     * @param to   name of the waiting step
     * @param path SVG path data of the curve
     */
    public record Arrow(String from, String to, String path) {
    }

    /** The diagram of a composite as the API shows it (services by name). Only for a composite without a cycle. */
    static StepDiagram of(CompositeRequest composite) {
        List<CompositeStep> steps = composite.steps().stream().map(step -> new CompositeStep(step.name(),
                step.service(), step.method(), step.path(), null, null, false, step.dependsOn(), 0,
                step.required() == null || step.required(), null, null)).toList();
        List<List<CompositeStep>> levels = new CompositeSpec(steps, 0, 0, 0).levels();
        Map<String, Box> byName = new HashMap<>();
        List<Box> boxes = new ArrayList<>();
        int rows = 0;
        for (int level = 0; level < levels.size(); level++) {
            List<CompositeStep> column = new ArrayList<>(levels.get(level));
            // Each step beside the steps it waits for (the mean of their rows): fewer arrows cross.
            column.sort(Comparator.comparingDouble(step -> step.dependsOn().stream().map(byName::get)
                    .filter(java.util.Objects::nonNull).mapToInt(box -> box.y()).average().orElse(0)));
            rows = Math.max(rows, column.size());
            for (int row = 0; row < column.size(); row++) {
                CompositeStep step = column.get(row);
                Box box = new Box(shorten(step.name()), shorten(step.serviceId()), step.required(),
                        step.name() + " \u2192 " + step.serviceId(), level,
                        PADDING + level * (BOX_WIDTH + GAP_X), PADDING + row * (BOX_HEIGHT + GAP_Y));
                boxes.add(box);
                byName.put(step.name(), box);
            }
        }
        List<Arrow> arrows = new ArrayList<>();
        for (CompositeStep step : steps) {
            Box to = byName.get(step.name());
            for (String dependency : step.dependsOn()) {
                Box from = byName.get(dependency);
                if (from != null && from != to) {
                    arrows.add(new Arrow(dependency, step.name(), curve(from, to)));
                }
            }
        }
        int columns = Math.max(1, levels.size());
        return new StepDiagram(2 * PADDING + columns * BOX_WIDTH + (columns - 1) * GAP_X,
                2 * PADDING + Math.max(1, rows) * BOX_HEIGHT + Math.max(0, rows - 1) * GAP_Y, boxes, arrows);
    }

    // From the middle of the right edge of one box to the middle of the left edge of the other, leaving room
    // for the arrowhead.
    private static String curve(Box from, Box to) {
        int x1 = from.x() + BOX_WIDTH;
        int y1 = from.y() + BOX_HEIGHT / 2;
        int x2 = to.x() - 6;
        int y2 = to.y() + BOX_HEIGHT / 2;
        int bend = (x2 - x1) / 2;
        return "M" + x1 + " " + y1 + " C" + (x1 + bend) + " " + y1 + " " + (x2 - bend) + " " + y2 + " " + x2 + " "
                + y2;
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "\u2026";
    }
}
