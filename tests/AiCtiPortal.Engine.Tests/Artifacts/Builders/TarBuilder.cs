using System.Text;

namespace AiCtiPortal.Engine.Tests.Artifacts.Builders;

/// <summary>POSIX ustar writer: 512-byte headers with octal sizes and checksums, data padded to 512 bytes.</summary>
internal static class TarBuilder
{
    public static byte[] Build(params (string Name, byte[] Data)[] members)
    {
        var output = new MemoryStream();
        foreach (var (name, data) in members)
        {
            var header = new byte[512];
            Encoding.ASCII.GetBytes(name).CopyTo(header, 0);
            Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
            Encoding.ASCII.GetBytes(Convert.ToString(data.Length, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
            Encoding.ASCII.GetBytes("00000000000\0").CopyTo(header, 136);
            header[156] = (byte)'0';
            Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(header, 257);
            for (int i = 148; i < 156; i++)
            {
                header[i] = (byte)' ';
            }

            int sum = header.Sum(b => b);
            Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
            output.Write(header);
            output.Write(data);
            output.Write(new byte[(512 - (data.Length % 512)) % 512]);
        }

        output.Write(new byte[1024]);
        return output.ToArray();
    }
}
