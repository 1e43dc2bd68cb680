; Inno Setup script: a Windows installer for the one-folder app that packaging/journeymap.spec
; builds on Windows (dist\journeymap\JourneyMap.exe and journeymap-cli.exe).
; NOT YET TESTED ON WINDOWS: written from Inno Setup's documentation (see packaging/README.md).
;
;   iscc /DAppVersion=0.1.0 packaging\windows\journeymap.iss
;
; Installs per user or for all users (the user chooses), adds a Start menu entry, and makes
; .journeymap files open in JourneyMap with a double-click; the uninstaller removes all of it.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{DF60B213-9E62-41B1-B626-764149D5C9AC}
AppName=JourneyMap
AppVersion={#AppVersion}
AppPublisher=JourneyMap Desktop team
DefaultDirName={autopf}\JourneyMap
DefaultGroupName=JourneyMap
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=journeymap-{#AppVersion}-windows-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
UninstallDisplayIcon={app}\JourneyMap.exe

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\journeymap\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\JourneyMap"; Filename: "{app}\JourneyMap.exe"
Name: "{autodesktop}\JourneyMap"; Filename: "{app}\JourneyMap.exe"; Tasks: desktopicon

[Registry]
; The .journeymap document type (HKA: the current user's or the machine's classes, as installed).
Root: HKA; Subkey: "Software\Classes\.journeymap"; ValueType: string; ValueName: ""; ValueData: "JourneyMap.Map"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.journeymap"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-journeymap"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.journeymap\OpenWithProgids"; ValueType: string; ValueName: "JourneyMap.Map"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\JourneyMap.Map"; ValueType: string; ValueName: ""; ValueData: "Customer journey map"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\JourneyMap.Map\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\JourneyMap.exe,0"
Root: HKA; Subkey: "Software\Classes\JourneyMap.Map\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\JourneyMap.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\JourneyMap.exe\SupportedTypes"; ValueType: string; ValueName: ".journeymap"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\JourneyMap.exe"; Description: "{cm:LaunchProgram,JourneyMap}"; Flags: nowait postinstall skipifsilent
