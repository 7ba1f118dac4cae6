package dev.tollgate.runtime;

import java.awt.BasicStroke;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The scale benchmark's picture: each phase's time against the database's size on disk, Tollgate's
 * phases as solid coloured lines and their peers dashed (grey) or dotted (black), in three panels
 * (reading data, reading schemas, backups), drawn with XChart.
 */
final class CostPlot {

    private CostPlot() {
    }

    static void write(List<ScaleBenchmark.Size> sizes, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart data = chart("Reading the data", sizes);
        tollgate(data, sizes, "data fingerprint", "dataFingerprint");
        tollgate(data, sizes, "whole snapshot", "snapshot");
        tollgate(data, sizes, "data check (restored db)", "dataCheck");
        peer(data, sizes, ScaleBenchmark.DATA_DUMP, "dataFingerprint", SeriesLines.DASH_DASH);

        XYChart schema = chart("Reading the schema", sizes);
        tollgate(schema, sizes, "schema snapshot", "schemaSnapshot");
        tollgate(schema, sizes, "convergence check", "convergence");
        peer(schema, sizes, ScaleBenchmark.SCHEMA_DUMP, "schemaSnapshot", SeriesLines.DASH_DASH);
        peer(schema, sizes, ScaleBenchmark.SCHEMA_DIFF, "convergence", SeriesLines.DOT_DOT);

        XYChart backups = chart("Backup and restore", sizes);
        tollgate(backups, sizes, "template backup + restore", "templateBackupAndRestore");
        tollgate(backups, sizes, "pg_dump backup (Tollgate)", "pgDumpBackup");
        tollgate(backups, sizes, "pg_dump restore (Tollgate)", "pgDumpRestore");
        peer(backups, sizes, ScaleBenchmark.DUMP_AND_RESTORE, "templateBackupAndRestore", SeriesLines.DASH_DASH);
        series(backups, "limit: CREATE DATABASE … TEMPLATE", sizes, ScaleBenchmark.Size::createDatabaseTemplateSeconds,
                SeriesLines.DOT_DOT);

        Files.createDirectories(png.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(List.of(data, schema, backups), 1, 3, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static XYChart chart(String title, List<ScaleBenchmark.Size> sizes) {
        XYChart chart = new XYChartBuilder().width(620).height(460).title(title).xAxisTitle("database size on disk (GB)")
                .yAxisTitle("seconds").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisDecimalPattern(sizes.get(sizes.size() - 1).gb() < 0.1 ? "0.000" : "0.0");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisMin(0.0);
        return chart;
    }

    private static void tollgate(XYChart chart, List<ScaleBenchmark.Size> sizes, String name, String phase) {
        series(chart, name, sizes, size -> size.phase(phase).orElseThrow().seconds(), SeriesLines.SOLID);
    }

    private static void peer(XYChart chart, List<ScaleBenchmark.Size> sizes, String name, String phase, BasicStroke line) {
        series(chart, name, sizes, size -> size.phase(phase).orElseThrow().peerSeconds(), line);
    }

    private static void series(XYChart chart, String name, List<ScaleBenchmark.Size> sizes, ToDoubleFunction<ScaleBenchmark.Size> seconds,
            BasicStroke line) {
        XYSeries series = chart.addSeries(name, sizes.stream().mapToDouble(ScaleBenchmark.Size::gb).toArray(),
                sizes.stream().mapToDouble(seconds).toArray());
        series.setLineStyle(line);
        series.setMarker(line == SeriesLines.SOLID ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        if (line != SeriesLines.SOLID) {
            // Peers and the limit in grey and black, so no colour of Tollgate's phases is taken for one.
            series.setLineColor(line == SeriesLines.DASH_DASH ? java.awt.Color.GRAY : java.awt.Color.BLACK);
        }
    }
}
