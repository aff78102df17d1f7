// MSBuild inline task (see TorchSharpNative.targets): copies an ELF64 shared library and sets VER_FLG_WEAK on each
// version-need entry (.gnu.version_r) naming a GLIBCXX_* version that the build host's libstdc++ does not define.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenMissingVersionNeeds : Task
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    static readonly string[] LibStdCxxCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    };

    [Required] public string Source { get; set; } = "";
    [Required] public string Destination { get; set; } = "";
    [Output] public bool Patched { get; set; }

    public override bool Execute()
    {
        var hostLib = LibStdCxxCandidates.FirstOrDefault(File.Exists);
        if (hostLib is null)
        {
            Log.LogMessage(MessageImportance.Low, "No libstdc++ found on this host; {0} left as shipped.", Source);
            return true;
        }

        var available = DefinedVersions(File.ReadAllBytes(hostLib));
        var bytes = File.ReadAllBytes(Source);
        var weakened = new List<string>();
        foreach (var (nameOffset, flagsOffset) in VersionNeeds(bytes))
        {
            var name = ReadCString(bytes, nameOffset);
            if (!name.StartsWith("GLIBCXX_", StringComparison.Ordinal) || available.Contains(name))
                continue;
            var flags = BitConverter.ToUInt16(bytes, flagsOffset);
            BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(bytes, flagsOffset);
            weakened.Add(name);
        }

        if (weakened.Count == 0)
        {
            Log.LogMessage(MessageImportance.Low, "{0} needs nothing {1} lacks; left as shipped.", Source, hostLib);
            return true;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Destination)!);
        var upToDate = File.Exists(Destination) && File.ReadAllBytes(Destination).SequenceEqual(bytes);
        if (!upToDate)
        {
            // Write then rename, so a parallel build never copies a half-written library.
            var temp = Destination + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temp, bytes);
            if (File.Exists(Destination))
                File.Replace(temp, Destination, null);
            else
                File.Move(temp, Destination);
        }
        Log.LogMessage(MessageImportance.Normal, "{0}: marked weak {1} (missing from {2}).",
            Path.GetFileName(Destination), string.Join(", ", weakened), hostLib);
        Patched = true;
        return true;
    }

    // Every "GLIBCXX_x.y.z" string in the host library's image: its version definitions are among them.
    static HashSet<string> DefinedVersions(byte[] lib)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var marker = Encoding.ASCII.GetBytes("GLIBCXX_");
        for (var i = 0; i <= lib.Length - marker.Length; i++)
        {
            var match = true;
            for (var k = 0; k < marker.Length && match; k++)
                match = lib[i + k] == marker[k];
            if (match)
                found.Add(ReadCString(lib, i));
        }
        return found;
    }

    // Yields (offset of the version name, offset of vna_flags) for each Vernaux entry of an ELF64 little-endian file.
    static IEnumerable<(int NameOffset, int FlagsOffset)> VersionNeeds(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a little-endian ELF64 file");
        var shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A), shnum = BitConverter.ToUInt16(elf, 0x3C);
        long SectionOffset(int index) => (long)BitConverter.ToUInt64(elf, (int)(shoff + (long)index * shentsize + 0x18));

        for (var s = 0; s < shnum; s++)
        {
            var header = (int)(shoff + (long)s * shentsize);
            if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed)
                continue;
            var strtab = SectionOffset((int)BitConverter.ToUInt32(elf, header + 0x28));
            var count = BitConverter.ToUInt32(elf, header + 0x2C);
            var need = (int)SectionOffset(s);
            for (var n = 0; n < count; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, need + 2);
                var aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    yield return ((int)(strtab + BitConverter.ToUInt32(elf, aux + 8)), aux + 4);
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                need += (int)BitConverter.ToUInt32(elf, need + 12);
            }
        }
    }

    static string ReadCString(byte[] bytes, long offset)
    {
        var end = Array.IndexOf(bytes, (byte)0, (int)offset);
        return Encoding.ASCII.GetString(bytes, (int)offset, end - (int)offset);
    }
}
