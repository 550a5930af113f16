// Generates java_double_tostring.txt: "<IEEE 754 bits, hex> <Double.toString>" per line.
// Run with JDK 19 or later (shortest-digit Double.toString, JDK-4511638):
//   javac JavaDoubleVectors.java && java JavaDoubleVectors > java_double_tostring.txt
// (the committed file was written by Temurin 25).
import java.util.*;
public class JavaDoubleVectors {
  public static void main(String[] a) {
    Random r = new Random(20250101L);
    LinkedHashSet<Long> bits = new LinkedHashSet<>();
    for (int e = -1074; e <= 1023; e++) { bits.add(Double.doubleToRawLongBits(Math.scalb(1.0, e))); }
    for (int e = -325; e <= 308; e++) { double d = Double.parseDouble("1e" + e); bits.add(Double.doubleToRawLongBits(d)); bits.add(Double.doubleToRawLongBits(Math.nextUp(d))); bits.add(Double.doubleToRawLongBits(Math.nextDown(d))); }
    for (int i = 0; i < 3000; i++) { long b = r.nextLong(); double d = Double.longBitsToDouble(b); if (Double.isFinite(d)) bits.add(b); }
    for (int i = 0; i < 2000; i++) { double d = r.nextDouble() * Math.pow(10, r.nextInt(20) - 6); bits.add(Double.doubleToRawLongBits(d)); }
    for (int i = 0; i < 500; i++) { long n = r.nextInt(100000000); int s = r.nextInt(12); double d = Double.parseDouble(n + "e-" + s); bits.add(Double.doubleToRawLongBits(d)); }
    for (long b : bits) {
      double d = Double.longBitsToDouble(b);
      System.out.println(String.format("%016x", b) + " " + Double.toString(d));
    }
  }
}
