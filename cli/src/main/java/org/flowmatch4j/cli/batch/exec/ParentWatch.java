package org.flowmatch4j.cli.batch.exec;

/** In a stage's child JVM: halts the JVM soon after the batch process that started it is gone (even by kill -9). */
public final class ParentWatch {
    private ParentWatch() {}

    /** Starts the watch when this JVM was started by {@link ChildJvm}; does nothing otherwise. */
    public static void startIfChild() {
        String pid = System.getProperty(ChildJvm.PARENT_PID);
        if (pid == null) return;
        var parent = ProcessHandle.of(Long.parseLong(pid.trim()));
        Thread t = new Thread(() -> {
            while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(137);
        }, "flowmatch-parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
